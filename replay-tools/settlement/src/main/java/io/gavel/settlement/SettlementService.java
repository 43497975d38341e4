package io.gavel.settlement;

import io.gavel.sbe.PaymentResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Charges every winner exactly once and reports each outcome to the engine.
 * <p>
 * The order of work is what makes it safe: first catch up with the journal (so every report the engine already took
 * is known), then take the earliest sale with work left. Before asking the provider the sale is checkpointed as
 * CHARGING; after the answer, as REPORTING_PAID or REPORTING_FAILED; only the journal's SaleSettled makes it PAID or
 * FAILED. A crash anywhere repeats at most the last step: a charge again under the same idempotency key (the
 * provider returns the first result, charging nothing), or a report again under the same correlation id (the
 * engine answers it as a duplicate).
 */
public final class SettlementService
{
    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);

    private final SettlementBook book;
    private final Path checkpoint;
    private final SaleFollower follower;
    private final PaymentProvider provider;
    private final EngineLink engine;
    private final RetryPolicy retry;
    private final Runnable keepAlive;
    private final Set<String> reported = new HashSet<>();

    /**
     * @param keepAlive called while idle and between retries (polls the engine session so it stays alive).
     */
    public SettlementService(final Path journalDir, final Path checkpoint, final PaymentProvider provider,
        final EngineLink engine, final RetryPolicy retry, final Runnable keepAlive)
    {
        this.checkpoint = checkpoint;
        this.book = SettlementBook.load(checkpoint);
        this.follower = new SaleFollower(journalDir, book);
        this.provider = provider;
        this.engine = engine;
        this.retry = retry;
        this.keepAlive = keepAlive;
    }

    /** Runs until {@code stopped}; returns when it says so. */
    public void run(final BooleanSupplier stopped)
    {
        try
        {
            while (!stopped.getAsBoolean())
            {
                if (!step())
                {
                    keepAlive.run();
                    LockSupport.parkNanos(5_000_000L);
                }
            }
        }
        finally
        {
            follower.close();
        }
    }

    /** Catches up with the journal and does one piece of work; false when there was nothing to do. */
    public boolean step()
    {
        if (follower.poll() > 0)
        {
            book.save(checkpoint);
        }
        for (final Sale sale : book.sales.values())
        {
            if (reported.contains(sale.key()))
            {
                continue;
            }
            switch (sale.state)
            {
                case AWAITING, CHARGING ->
                {
                    charge(sale);
                    return true;
                }
                case REPORTING_PAID, REPORTING_FAILED ->
                {
                    report(sale);
                    return true;
                }
                default ->
                {
                }
            }
        }
        return false;
    }

    /** The book as it stands (for status and tests). */
    public SettlementBook book()
    {
        return book;
    }

    private void charge(final Sale sale)
    {
        if (sale.state == Sale.State.AWAITING)
        {
            sale.state = Sale.State.CHARGING;
            sale.chargingSinceMillis = System.currentTimeMillis();
            book.save(checkpoint);
        }
        final String method = book.paymentMethod(sale.auctionId, sale.bidderId);
        if (method.isEmpty())
        {
            finish(sale, false, "no payment method registered for bidder " + sale.bidderId);
            return;
        }
        final ChargeRequest request = new ChargeRequest(sale.idempotencyKey(), method, sale.invoice,
            book.currencies.getOrDefault(sale.auctionId, "EUR"),
            "auction " + sale.auctionId + " lot " + sale.lotId + " sale " + sale.saleNumber);
        while (true)
        {
            sale.attempts++;
            final ChargeOutcome outcome = provider.charge(request);
            switch (outcome.kind())
            {
                case SUCCEEDED ->
                {
                    finish(sale, true, "charged " + outcome.reference() + " after " + sale.attempts + " attempt(s)");
                    return;
                }
                case DECLINED ->
                {
                    finish(sale, false, "declined: " + outcome.detail());
                    return;
                }
                default ->
                {
                    final long waited = System.currentTimeMillis() - sale.chargingSinceMillis;
                    final long pause = retry.backoffMillis(sale.attempts);
                    if (waited + pause > retry.deadline().toMillis())
                    {
                        finish(sale, false, "gave up after " + sale.attempts + " attempt(s) in " + waited + " ms: " +
                            outcome.detail());
                        return;
                    }
                    LOG.info("charge {} failed transiently ({}); retrying in {} ms", sale.idempotencyKey(),
                        outcome.detail(), pause);
                    book.save(checkpoint);
                    final long until = System.nanoTime() + pause * 1_000_000L;
                    while (System.nanoTime() < until)
                    {
                        keepAlive.run();
                        LockSupport.parkNanos(Math.min(10_000_000L, until - System.nanoTime()));
                    }
                }
            }
        }
    }

    private void finish(final Sale sale, final boolean paid, final String detail)
    {
        sale.state = paid ? Sale.State.REPORTING_PAID : Sale.State.REPORTING_FAILED;
        sale.detail = detail;
        book.save(checkpoint);
        LOG.info("sale {}: {}", sale.key(), detail);
    }

    private void report(final Sale sale)
    {
        final PaymentResult result = sale.state == Sale.State.REPORTING_PAID ? PaymentResult.PAID :
            PaymentResult.FAILED;
        final String answer = engine.report(sale.correlationId(), sale.auctionId, sale.lotId, result);
        if (answer == null)
        {
            LOG.warn("the engine did not answer the {} report of sale {}; will resend", result, sale.key());
            return;
        }
        if ("ACCEPTED".equals(answer) || "ALREADY_SETTLED".equals(answer))
        {
            // The journal's SaleSettled moves it on; until the follower reads it, do not send it again.
            reported.add(sale.key());
            return;
        }
        sale.state = Sale.State.REFUSED;
        sale.detail = "the engine refused the " + result + " report: " + answer + " (" + sale.detail + ")";
        book.save(checkpoint);
        LOG.error("sale {}: {}", sale.key(), sale.detail);
    }
}
