package io.gavel.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A thread's {@code stat} file in {@code /proc}, as the kernel writes it (proc(5)). */
final class ProcStat
{
    private ProcStat()
    {
    }

    /**
     * The fields after the command name of the {@code stat} file in {@code task} (a {@code /proc/.../task/<id>} or
     * {@code /proc/thread-self} directory): index 0 is the state, 7 {@code minflt}, 9 {@code majflt}, 16 the nice
     * value. The command name, in parentheses, may hold spaces, so fields are counted after its closing parenthesis.
     */
    static String[] fieldsAfterName(final Path task) throws IOException
    {
        final String stat = Files.readString(task.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
