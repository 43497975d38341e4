package io.gavel.settlement;

/**
 * One charge: the winner's payment method reference, the invoice amount in minor units of the auction's currency, and
 * the idempotency key that names the sale in the journal, so no retry or restart can charge twice.
 *
 * @param idempotencyKey derived from the sale's journal identity (see {@link Sale#idempotencyKey()}).
 * @param paymentMethod  the provider's reference (pm_...), never a card number.
 * @param amount         minor units (cents).
 * @param currency       ISO 4217, e.g. EUR.
 * @param description    for the provider's dashboard: auction, lot, sale.
 */
public record ChargeRequest(String idempotencyKey, String paymentMethod, long amount, String currency,
    String description)
{
}
