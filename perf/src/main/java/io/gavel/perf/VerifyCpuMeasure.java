package io.gavel.perf;

import io.gavel.replay.journal.JournalVerifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Journal verify in records per CPU-second of the verifying thread, and per wall-clock second: {@code gavel journal
 * verify}'s work ({@link JournalVerifier}: read, hash chain, replay through a fresh core, compare every event) run
 * again and again in one JVM on one journal, so the compiler has finished and a busy machine disturbs the CPU-time
 * figure far less than the wall clock. Usage: {@code VerifyCpuMeasure journal-dir [rounds]} on a journal that {@link
 * JournalMeasure} wrote ({@code DIR/journal}). Uses only public API, so it can be compiled against an older build's
 * jar to measure that build.
 */
public final class VerifyCpuMeasure
{
    private VerifyCpuMeasure()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length < 1)
        {
            System.err.println("usage: VerifyCpuMeasure journal-dir [rounds]");
            System.exit(2);
        }
        final Path journal = Paths.get(args[0]);
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] perCpuSecond = new double[rounds];
        final double[] perSecond = new double[rounds];
        for (int round = -2; round < rounds; round++)
        {
            final long cpu = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            final long cpuNanos = threads.getCurrentThreadCpuTime() - cpu;
            final long wallNanos = System.nanoTime() - start;
            if (!report.verified())
            {
                System.out.println("not verified: " + report.failure);
                System.exit(1);
            }
            System.out.printf("round %d: %d records, %.2f M records per CPU-second, %.2f M records/s (state hash " +
                "%016x)%n", round, report.records, report.records * 1e3 / cpuNanos, report.records * 1e3 / wallNanos,
                report.stateHash);
            if (round >= 0)
            {
                perCpuSecond[round] = report.records * 1e3 / cpuNanos;
                perSecond[round] = report.records * 1e3 / wallNanos;
            }
        }
        Arrays.sort(perCpuSecond);
        Arrays.sort(perSecond);
        System.out.printf("median of %d rounds (after 2 warm-up rounds): %.2f M records per CPU-second, %.2f M " +
            "records/s%n", rounds, perCpuSecond[rounds / 2], perSecond[rounds / 2]);
    }
}
