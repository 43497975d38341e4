package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real embedded media driver, a real engine with its journal, and clients, all in a test's temporary directory.
 */
final class EngineHarness implements AutoCloseable
{
    static final String SECRET = "test-secret";

    final Path dir;
    final MediaDriver driver;
    final GavelEngine engine;
    final Aeron aeron;
    final EngineConfig config;

    EngineHarness(final Path dir)
    {
        this(dir, EngineConfig.defaults());
    }

    EngineHarness(final Path dir, final EngineConfig config)
    {
        this.dir = dir;
        final String aeronDir = dir.resolve("aeron").toString();
        driver = EmbeddedDriver.launch(aeronDir);
        this.config = config
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", SECRET);
        try
        {
            engine = GavelEngine.start(this.config);
        }
        catch (final RuntimeException ex)
        {
            driver.close(); // an engine that refuses to start must not leave the test's driver running
            throw ex;
        }
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
    }

    static String token(final long principal, final Role role)
    {
        return SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 60_000);
    }

    GavelClient client(final long principal, final Role role, final GavelListener listener)
    {
        return GavelClient.connect(new GavelClient.Context()
            .aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream())
            .publicStream(config.publicChannel(), config.publicStream())
            .token(token(principal, role))
            .listener(listener)
            .timeout(Duration.ofSeconds(10)));
    }

    public void close()
    {
        CloseHelper.quietCloseAll(aeron, engine, driver);
    }
}
