package io.fluxfix.bench;

import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.model.event.MarketDataIncrement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal benchmark's bodies do the work they claim: appends land in the journal, the 35=X decodes. */
class JournalBenchmarkTest {

    @Test
    void eachBodyJournalsWhatItSays() throws Exception {
        JournalBenchmark b = new JournalBenchmark();
        b.events();
        JournalBenchmark.IncrementText text = new JournalBenchmark.IncrementText();
        text.entries = 10;
        text.build();
        b.openJournal();
        JournalBenchmark.Entries counter = new JournalBenchmark.Entries();
        List<JournalRecord> written;
        EveryCall latency = new EveryCall();
        latency.reset();
        try {
            for (int i = 0; i < 3; i++) {
                b.appendIncrement(latency);
                b.appendExecutionReport(latency);
                b.decodeAndJournal(text, counter);
                b.decodeAndJournalQfj(text, counter);
            }
            JournalRecord read = b.read();
            assertThat(read.event()).isEqualTo(b.increments[0]);
            try (JournalReader reader = JournalReader.open(b.dir)) {
                written = reader.replay().collectList().block();
            }
        } finally {
            b.closeJournal();
            b.closeReader();
        }
        assertThat(written).hasSize(12);
        latency.publish();
        assertThat(latency.calls).as("every append timed").isEqualTo(6);
        assertThat(latency.p50).isPositive().isLessThanOrEqualTo(latency.p99);
        assertThat(written.get(0).event()).isEqualTo(b.increments[0]);
        assertThat(written.get(1).event()).isEqualTo(b.reports[1]);
        MarketDataIncrement decoded = (MarketDataIncrement) written.get(2).event();
        assertThat(decoded.entries()).hasSize(10);
        assertThat(decoded.symbol()).isEqualTo("BTC/USD");
        MarketDataIncrement viaQfj = (MarketDataIncrement) written.get(3).event();
        // both paths journal the same increment but for the stamp
        assertThat(viaQfj.entries()).isEqualTo(decoded.entries());
        assertThat(viaQfj.toString().replaceAll("stamp=Stamp\\[[^]]*]", ""))
                .isEqualTo(decoded.toString().replaceAll("stamp=Stamp\\[[^]]*]", ""));
        assertThat(counter.entries).isEqualTo(60);
    }

    @Test
    void theDecodeAloneMakesTheIncrementAndJournalsNothing() throws Exception {
        JournalBenchmark b = new JournalBenchmark();
        JournalBenchmark.IncrementText text = new JournalBenchmark.IncrementText();
        text.entries = 2;
        text.build();
        b.openJournal();
        JournalBenchmark.Entries counter = new JournalBenchmark.Entries();
        try {
            MarketDataIncrement e = b.decodeIncrement(text, counter);
            assertThat(e.entries()).hasSize(2);
            assertThat(e.entries().get(0).entryId()).isEqualTo("B30300.1");
            assertThat(counter.entries).isEqualTo(2);
            try (JournalReader reader = JournalReader.open(b.dir)) {
                assertThat(reader.replay().collectList().block()).isEmpty();
            }
        } finally {
            b.closeJournal();
        }
    }

    @Test
    void theFixTextIsAValidKrakenIncrement() throws Exception {
        String fix = JournalBenchmark.incrementFix(2);
        assertThat(new io.fluxfix.kraken.KrakenFixParser().parse(fix).getHeader().getString(35)).isEqualTo("X");
    }
}
