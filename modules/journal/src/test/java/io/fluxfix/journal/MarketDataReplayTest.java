package io.fluxfix.journal;

import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MarketDataVisitor;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replayMarketData} hands over every inbound event the model replay gives, market data as frames equal to
 * the model objects field for field (rebuilt from the frame), others as the objects; commands never.
 */
class MarketDataReplayTest {

    @TempDir
    Path dir;

    /** Rebuilds the model event a frame stands for (what the frame must equal). */
    private static Event rebuild(MarketDataFrame f, Stamp stamp) {
        List<MdEntry> entries = new ArrayList<>();
        for (int i = 0; i < f.entryCount(); i++) {
            entries.add(f.entry(i));
            assertThat(f.entryId(i)).isEqualTo(entries.get(i).entryId());
            assertThat(f.priceScale(i)).isEqualTo(entries.get(i).price() == null ? MarketDataFrame.ABSENT
                    : entries.get(i).price().scale());
        }
        return f.isSnapshot() ? new MarketDataSnapshot(stamp, f.mdReqId(), f.symbol(), entries)
                : new MarketDataIncrement(stamp, f.mdReqId(), f.symbol(), entries, f.checksum());
    }

    @Test
    void framesEqualTheModelEventsAndCommandsAreLeftOut() {
        List<Event> events = Samples.events(1);
        List<Command> commands = Samples.commands();
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            for (int i = 0; i < events.size(); i++) {
                journal.appendInbound("spot-md", events.get(i));
                journal.appendOutbound("spot-md", Samples.T0 + i, Samples.DAY, 100 + i, commands.get(i % commands.size()));
            }
        }
        List<Event> expected;
        List<Event> seen = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            expected = reader.replay().filter(r -> r.direction() == Journal.Direction.IN).map(JournalRecord::event)
                    .collectList().block();
            long n = reader.replayMarketData(ReplayFilter.ALL, new MarketDataVisitor() {
                @Override
                public void onMarketData(String session, MarketDataFrame frame) {
                    assertThat(session).isEqualTo("spot-md");
                    Stamp stamp = expected.get(seen.size()).stamp();
                    assertThat(frame.receivedNanos()).isEqualTo(stamp.receivedNanos());
                    seen.add(rebuild(frame, stamp));
                }

                @Override
                public void onEvent(String session, Event event) {
                    seen.add(event);
                }
            });
            assertThat(n).isEqualTo(events.size());
            assertThat(reader.skipped()).isZero();
        }
        assertThat(expected.stream().filter(e -> e instanceof MarketDataIncrement || e instanceof MarketDataSnapshot))
                .isNotEmpty();
        // Stamps of rebuilt frames carry only the receive time the frame has; compare the rest.
        for (int i = 0; i < expected.size(); i++) {
            Event e = expected.get(i);
            assertThat(seen.get(i)).as("event %d", i).isEqualTo(e);
        }
    }

    @Test
    void theFilterAppliesAsForTheModelReplay() {
        List<Event> events = Samples.events(1);
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            events.forEach(e -> journal.appendInbound("a", e));
            events.forEach(e -> journal.appendInbound("b", e));
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            List<String> sessions = new ArrayList<>();
            long n = reader.replayMarketData(ReplayFilter.ALL.sessions("b"), new MarketDataVisitor() {
                @Override
                public void onMarketData(String session, MarketDataFrame frame) {
                    sessions.add(session);
                }

                @Override
                public void onEvent(String session, Event event) {
                    sessions.add(session);
                }
            });
            assertThat(n).isEqualTo(events.size());
            assertThat(sessions).hasSize(events.size()).containsOnly("b");
        }
    }
}
