package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plot's percentile axis names its ticks as percentiles (90%, 99%, 99.9%, 99.99%), as HdrHistogram's plotter
 * does, and the plot is drawn (XChart's tick formatter once hung on a logarithmic axis: the timeout catches that).
 */
@Timeout(30)
class LoadReportTest
{
    @Test
    void wholeTicksArePercentiles()
    {
        assertEquals("0%", LoadReport.percentileLabel(0.0));
        assertEquals("90%", LoadReport.percentileLabel(1.0));
        assertEquals("99%", LoadReport.percentileLabel(2.0));
        assertEquals("99.9%", LoadReport.percentileLabel(3.0));
        assertEquals("99.99%", LoadReport.percentileLabel(4.0));
        assertEquals("99.999%", LoadReport.percentileLabel(5.0));
    }

    @Test
    void ticksBetweenWholeNinesHaveNoLabel()
    {
        assertEquals("", LoadReport.percentileLabel(0.5));
        assertEquals("", LoadReport.percentileLabel(2.25));
    }

    @Test
    void theReportDrawsItsPlotAndStatesTheWindow(@TempDir final Path dir) throws Exception
    {
        final LoadOptions options = new LoadOptions();
        options.rate = 1_000;
        options.durationSeconds = 1;
        final Measurement gavel = new Measurement();
        final Measurement raw = new Measurement();
        for (int i = 1; i <= 10_000; i++)
        {
            gavel.latency.recordValue(20_000L + i * 10L);
            raw.latency.recordValue(10_000L + i);
        }
        gavel.sent = 10_000;
        gavel.answered = 10_000;
        gavel.seconds = 1;
        gavel.harnessCpuShare = 0.125;
        final Path report = LoadReport.write(new LoadReport.Run(options, gavel, raw), dir);
        final BufferedImage image = ImageIO.read(dir.resolve("latency.png").toFile());
        assertEquals(900, image.getWidth());
        final String text = Files.readString(report);
        assertTrue(text.contains("answered    10,000 of 10,000"), text);
        assertTrue(text.contains("of which the harness's threads 13%"), text);
        assertTrue(text.contains("load average"), text);
        LoadReport.json(new LoadReport.Run(options, gavel, raw), dir.resolve("load.json"));
        final String json = Files.readString(dir.resolve("load.json"));
        assertTrue(json.contains("\"cpu_share\": {\"harness\": 0.1250"), json);
        assertTrue(json.contains("\"answered\": 10000"), json);
    }

    @Test
    void theReportNamesTheWorstSecondsOfTheWindow(@TempDir final Path dir) throws Exception
    {
        // A tail made of two stalls, at +7 s and +2 s, against a steady 100 us elsewhere: the report says when.
        final LoadOptions options = new LoadOptions();
        final Measurement gavel = new Measurement();
        final Measurement raw = new Measurement();
        gavel.sizeSeconds(10);
        gavel.seconds = 10;
        for (int second = 0; second < 10; second++)
        {
            gavel.noteSecond(second, 100_000);
        }
        gavel.noteSecond(7, 14_200_000);
        gavel.noteSecond(2, 3_000_000);
        gavel.noteSecond(2, 2_000_000);
        gavel.noteSecond(10, 99_000_000);
        gavel.latency.recordValue(100_000);
        raw.latency.recordValue(400_000);
        final String text = Files.readString(LoadReport.write(new LoadReport.Run(options, gavel, raw), dir));
        assertTrue(text.contains("worst secs  +7 s 14.2 ms, +2 s 3.0 ms, +0 s 0.1 ms"), text);
        assertTrue(text.contains("2 of 10 seconds had an answer slower than 5x raw p99"), text);
    }

    @Test
    void theReportSaysHowLateTheHarnessSentAndTheMachineWoke(@TempDir final Path dir) throws Exception
    {
        // The harness's own lateness is part of every latency it records: the report gives it apart.
        final Measurement gavel = new Measurement();
        final Measurement raw = new Measurement();
        for (int i = 0; i < 1_000; i++)
        {
            gavel.sendLateness.recordValue(i < 990 ? 2_000 : 700_000);
            raw.sendLateness.recordValue(i < 999 ? 1_000 : 90_000);
            gavel.hiccups.recordValue(i < 995 ? 60_000 : 4_000_000);
            raw.hiccups.recordValue(50_000);
        }
        gavel.latency.recordValue(100_000);
        raw.latency.recordValue(40_000);
        final String text = Files.readString(
            LoadReport.write(new LoadReport.Run(new LoadOptions(), gavel, raw), dir));
        assertTrue(text.contains("sent late   p50 2.0, p99 2.0, p99.9 700.4, max 700.4 us (gavel); p99 1.0, " +
            "max 90.0 us (raw)"), text);
        assertTrue(text.contains("hiccups     p99 60.0, p99.9 4001.8, max 4001.8 us (during the load); p99 50.0, " +
            "p99.9 50.0, max 50.0 us (during raw)"), text);
    }

    @Test
    void theReportSaysHowOftenTheBidThreadFaulted(@TempDir final Path dir) throws Exception
    {
        // The bid thread's page faults are the engine's own stalls: given when the engine counts them, else not.
        final Measurement gavel = new Measurement();
        final Measurement raw = new Measurement();
        gavel.latency.recordValue(100_000);
        raw.latency.recordValue(40_000);
        final LoadReport.Run run = new LoadReport.Run(new LoadOptions(), gavel, raw);
        String text = Files.readString(LoadReport.write(run, dir.resolve("uncounted")));
        assertFalse(text.contains("faults "), text);
        LoadReport.json(run, dir.resolve("uncounted.json"));
        assertTrue(Files.readString(dir.resolve("uncounted.json")).contains("\"bid_thread_faults\": null,"));
        gavel.bidThreadFaults = 1_234;
        text = Files.readString(LoadReport.write(run, dir.resolve("counted")));
        assertTrue(text.contains("faults      the engine's bid thread took 1,234 page faults in the window"), text);
        LoadReport.json(run, dir.resolve("counted.json"));
        assertTrue(Files.readString(dir.resolve("counted.json")).contains("\"bid_thread_faults\": 1234,"));
    }
}
