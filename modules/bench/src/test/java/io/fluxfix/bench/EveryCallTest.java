package io.fluxfix.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The per-iteration percentiles EveryCall publishes are those of every recorded call, and an iteration starts empty. */
class EveryCallTest {

    @Test
    void publishesThePercentilesOfEveryCallOfTheIteration() {
        EveryCall latency = new EveryCall();
        latency.reset();
        for (int i = 1; i <= 10_000; i++) {
            latency.record(i); // 1..10,000 ns, each once
        }
        latency.publish();
        assertThat(latency.calls).isEqualTo(10_000);
        assertThat(latency.p50).isCloseTo(5_000, within(5.0));
        assertThat(latency.p90).isCloseTo(9_000, within(9.0));
        assertThat(latency.p99).isCloseTo(9_900, within(10.0));
        assertThat(latency.p999).isCloseTo(9_990, within(10.0));


        latency.reset(); // the next iteration
        for (int i = 0; i < 100; i++) {
            latency.record(i < 98 ? 300 : 50_000); // two slow calls in a hundred
        }
        latency.publish();
        assertThat(latency.calls).isEqualTo(100);
        assertThat(latency.p50).isCloseTo(300, within(1.0));
        assertThat(latency.p99).as("the 99th of 100 calls is a slow one").isCloseTo(50_000, within(50.0));
    }

    @Test
    void theLinePrintedPerIterationNamesEachPercentile() {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i);
        }
        assertThat(EveryCall.line(h)).startsWith("10,000 calls, p50 5,00").contains(", p99 9,9").contains(", max 10,0");
    }

    @Test
    void aTimeOutOfRangeIsKeptAtTheEdgeNotLost() {
        EveryCall latency = new EveryCall();
        latency.reset();
        latency.record(-5);
        latency.record(Long.MAX_VALUE);
        latency.publish();
        assertThat(latency.calls).isEqualTo(2);
        assertThat(latency.p999).isGreaterThanOrEqualTo(9.9e9);
    }
}
