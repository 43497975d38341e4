package io.gavel.core.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Whole sales against the reference model of RULES.md ({@link WholeSaleModel}): up to three auctions of either
 * format interleaved, every command of the rules (set-up, maximums and commission bids, live and floor bids at and
 * around the ask with every kind of ask version, buy-now, retraction, open, fair warning, hammer, reopen, increment
 * override, ask jump, payment and pass-down, suspension, withdrawal, cancellation, clerk assignment, ticks that fire
 * deadlines) by every role, checked after every command: the same outcome and the same public state of every lot.
 * <p>
 * jqwik shrinks a failing sequence and prints it; the AssertionError carries the transcript of the shrunk run.
 * The ordinary run tries 2,500 sequences ({@code jqwik.tries.default} in junit-platform.properties). Long runs
 * (docs/TESTING.md): {@code -Djqwik.tries.default=100000}, shrinking included; or
 * {@code -Dgavel.wholesale.sequences=1000000} for {@link #longRun()}: seeded, longer sequences, no shrinking.
 */
class WholeSalePropertiesTest
{
    static final int MAX_COMMANDS = 150;

    @Provide
    Arbitrary<WholeSaleRun.Setup> setups()
    {
        return Arbitraries.integers().between(0, 24_575).list().ofMinSize(1).ofMaxSize(WholeSaleRun.AUCTIONS)
            .map(WholeSaleRun.Setup::new);
    }

    @Provide
    Arbitrary<List<WholeSaleRun.Op>> commands()
    {
        final Arbitrary<Integer> small = Arbitraries.integers().between(0, 9_999);
        return Combinators.combine(Arbitraries.integers().between(0, 20), small, small, small, small)
            .as(WholeSaleRun.Op::new).list().ofMinSize(1).ofMaxSize(MAX_COMMANDS);
    }

    // Tries: jqwik.tries.default, 2,500 from src/test/resources/junit-platform.properties unless a system property
    // says otherwise (the long run; PIT runs fewer).
    @Property(shrinking = ShrinkingMode.FULL)
    void theEngineAgreesWithTheModelAfterEveryCommand(
        @ForAll("setups") final WholeSaleRun.Setup setup,
        @ForAll("commands") final List<WholeSaleRun.Op> commands)
    {
        new WholeSaleRun().run(setup, commands);
    }

    /** The long run: many more sequences from a seeded Random; off unless the system property asks for it. */
    @org.junit.jupiter.api.Test
    void longRun()
    {
        final int sequences = Integer.getInteger("gavel.wholesale.sequences", 0);
        final long seed = Long.getLong("gavel.wholesale.seed", 20_261_129L);
        final Random random = new Random(seed);
        for (int i = 0; i < sequences; i++)
        {
            final long sequenceSeed = random.nextLong();
            final Random r = new Random(sequenceSeed);
            final List<Integer> auctions = new ArrayList<>();
            for (int a = 0; a <= r.nextInt(WholeSaleRun.AUCTIONS); a++)
            {
                auctions.add(r.nextInt(24_576));
            }
            final List<WholeSaleRun.Op> ops = new ArrayList<>();
            final int length = 1 + r.nextInt(MAX_COMMANDS * 2);
            for (int c = 0; c < length; c++)
            {
                ops.add(new WholeSaleRun.Op(r.nextInt(21), r.nextInt(10_000), r.nextInt(10_000), r.nextInt(10_000),
                    r.nextInt(10_000)));
            }
            try
            {
                new WholeSaleRun().run(new WholeSaleRun.Setup(auctions), ops);
            }
            catch (final AssertionError e)
            {
                throw new AssertionError("sequence " + i + " (seed " + sequenceSeed + ") failed: " + e.getMessage(), e);
            }
        }
    }
}
