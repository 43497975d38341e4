package io.gavel.core.rules;

/** Approval status of a registered bidder (RULES.md, Vocabulary). */
public enum BidderStatus
{
    PENDING, APPROVED, SUSPENDED
}
