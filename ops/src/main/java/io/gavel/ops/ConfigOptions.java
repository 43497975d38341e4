package io.gavel.ops;

import io.gavel.gateway.EngineConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code --config FILE}: the engine's properties file (docs/CONFIGURATION.md). {@code -Dgavel.x=y} overrides it.
 */
final class ConfigOptions
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Configuration file (properties); keys and defaults: gavel config print")
    Path config;

    EngineConfig load()
    {
        return EngineConfig.load(properties());
    }

    /** The file's properties as they are (empty without --config), for the cluster's settings in the same file. */
    Properties properties()
    {
        final Properties properties = new Properties();
        if (config != null)
        {
            try (Reader reader = Files.newBufferedReader(config))
            {
                properties.load(reader);
            }
            catch (final NoSuchFileException ex)
            {
                throw new IllegalArgumentException("configuration file " + config + " does not exist");
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("cannot read configuration file " + config + ": " +
                    ex.getMessage());
            }
        }
        return properties;
    }
}
