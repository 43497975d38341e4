package io.gavel.settlement;

/**
 * What one call to the provider came to: charged (with the provider's id for the payment), refused for good
 * (declined card, invalid request: retrying cannot help), or a transient failure (5xx, timeout, connection refused)
 * that a retry with the same idempotency key may overcome.
 */
public record ChargeOutcome(Kind kind, String reference, String detail)
{
    /** The three kinds of answer. */
    public enum Kind
    {
        SUCCEEDED, DECLINED, TRANSIENT
    }

    public static ChargeOutcome succeeded(final String paymentId)
    {
        return new ChargeOutcome(Kind.SUCCEEDED, paymentId, "succeeded");
    }

    public static ChargeOutcome declined(final String detail)
    {
        return new ChargeOutcome(Kind.DECLINED, "", detail);
    }

    public static ChargeOutcome transientFailure(final String detail)
    {
        return new ChargeOutcome(Kind.TRANSIENT, "", detail);
    }
}
