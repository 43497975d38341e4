package io.gavel.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ops/bin/gavel} as a user would, in its own process.
 */
final class GavelProcess
{
    static final Path LAUNCHER = Paths.get("bin", "gavel").toAbsolutePath();

    record Result(int exit, String out, String err)
    {
    }

    private GavelProcess()
    {
    }

    static ProcessBuilder builder(final Path workDir, final Path log, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    }

    /** Runs to completion (at most 60 s) and returns exit code, stdout and stderr. */
    static Result run(final Path workDir, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        final Path out = Files.createTempFile(workDir, "out", ".txt");
        final Path err = Files.createTempFile(workDir, "err", ".txt");
        final Process process = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("gavel " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Polls a log file until it contains {@code text} (at most 30 s). */
    static void awaitLog(final Path log, final String text, final Process process) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains(text))
            {
                return;
            }
            if (!process.isAlive())
            {
                throw new AssertionError("process exited " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("'" + text + "' not seen in " + log + ": " + Files.readString(log));
    }
}
