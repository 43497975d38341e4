package io.gavel.ops;

import io.gavel.gateway.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code gavel config print}.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration.",
    subcommands = ConfigCommand.Print.class)
final class ConfigCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
        description = "Prints the effective configuration (defaults, then the file, then -D overrides), secrets " +
            "masked, each key with its meaning.")
    static final class Print implements Callable<Integer>
    {
        @Mixin
        ConfigOptions configOptions;

        public Integer call()
        {
            final EngineConfig config = configOptions.load();
            for (final String[] key : EngineConfig.KEYS)
            {
                System.out.println("# " + key[2] + " (default: " + (key[1].isEmpty() ? "empty" : key[1]) + ")");
                final String value = config.get(key[0]);
                System.out.println(key[0] + "=" + (key[0].contains("secret") && !value.isEmpty() ? "****" : value));
            }
            return GavelMain.EXIT_OK;
        }
    }
}
