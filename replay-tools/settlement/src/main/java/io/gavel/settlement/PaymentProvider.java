package io.gavel.settlement;

/**
 * The port to whoever moves the money: one charge of a stored payment method, made at most once per idempotency key
 * however often it is asked (the provider keeps the first result for a key and answers every repeat with it).
 */
public interface PaymentProvider
{
    /** Charges, or answers with the result stored for this request's idempotency key. Never throws for the network. */
    ChargeOutcome charge(ChargeRequest request);
}
