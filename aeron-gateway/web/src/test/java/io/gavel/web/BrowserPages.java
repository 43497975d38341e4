package io.gavel.web;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The system's headless Chromium driven through its chromedriver (nothing is downloaded): one browser, one window
 * per page, switched by handle.
 */
final class BrowserPages implements AutoCloseable
{
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;

    static boolean available()
    {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    BrowserPages()
    {
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,860", "--mute-audio", "--disable-background-timer-throttling",
            "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** Opens a page in a window of its own and returns the window's handle. */
    String open(final String url)
    {
        if (driver.getCurrentUrl() != null && driver.getCurrentUrl().startsWith("http"))
        {
            driver.switchTo().newWindow(WindowType.WINDOW);
        }
        driver.get(url);
        return driver.getWindowHandle();
    }

    WebDriver on(final String handle)
    {
        return driver.switchTo().window(handle);
    }

    String text(final String handle, final String testid)
    {
        return on(handle).findElement(By.cssSelector("[data-testid='" + testid + "']")).getText();
    }

    void click(final String handle, final String testid)
    {
        on(handle).findElement(By.cssSelector("[data-testid='" + testid + "']")).click();
    }

    /** Polls the condition (which reads the pages) until it holds or 10 s pass. */
    static void await(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
        }
        throw new AssertionError("not within 20 s: " + what.get());
    }

    void screenshot(final String handle, final String name)
    {
        try
        {
            final Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            final byte[] png = ((TakesScreenshot)on(handle)).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void close()
    {
        driver.quit();
    }
}
