package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The plot's percentile axis reads as percentiles (90%, 99%, 99.9%), not as its 1/(1-p) coordinate.
 */
@Timeout(10)
class LoadReportTest
{
    @Test
    void axisTicksAreLabelledAsPercentiles()
    {
        assertEquals("0%", LoadReport.percentileLabel(1.0));
        assertEquals("50%", LoadReport.percentileLabel(2.0));
        assertEquals("90%", LoadReport.percentileLabel(10.0));
        assertEquals("99%", LoadReport.percentileLabel(100.0));
        assertEquals("99.9%", LoadReport.percentileLabel(1_000.0));
        assertEquals("99.99%", LoadReport.percentileLabel(10_000.0));
        assertEquals("99.999%", LoadReport.percentileLabel(100_000.0));
        assertEquals("99.9999%", LoadReport.percentileLabel(1_000_000.0));
    }
}
