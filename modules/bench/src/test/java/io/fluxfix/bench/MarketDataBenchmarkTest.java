package io.fluxfix.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The market-data benchmark does what it says: each input of a busy market gives the subscriber one 35=X. */
class MarketDataBenchmarkTest {

    @Test
    void everyInputPublishesAnIncrementToTheSubscriberAtEitherDepth() {
        for (int depth : new int[]{10, 1000}) {
            MarketDataBenchmark b = new MarketDataBenchmark();
            b.depth = depth;
            b.start();
            MarketDataBenchmark.Written w = new MarketDataBenchmark.Written();
            for (int i = 0; i < 200; i++) {
                b.input(w);
            }
            assertThat(w.messages).as("depth %d", depth).isBetween(190L, 200L);
            assertThat(w.bytes / w.messages).as("an X with several entries and 5041").isGreaterThan(300);
        }
    }
}
