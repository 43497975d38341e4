package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plot's percentile axis names its ticks as percentiles (90%, 99%, 99.9%), not only as 1/(1-p).
 */
@Timeout(10)
class LoadReportTest
{
    @Test
    void theAxisNamesItsTicksAsPercentiles()
    {
        for (final String tick : new String[] {"10 = 90%", "100 = 99%", "1000 = 99.9%", "1E4 = 99.99%"})
        {
            assertTrue(LoadReport.PERCENTILE_AXIS.contains(tick), tick);
        }
    }
}
