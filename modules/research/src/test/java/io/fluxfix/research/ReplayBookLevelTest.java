package io.fluxfix.research;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.testkit.LeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which book a replay builds, and from which sessions. */
@LeakCheck(allowThreads = "Java2D Disposer")
class ReplayBookLevelTest {

    private static final long T = 1_700_000_000_000_000_000L;

    @TempDir
    Path tmp;

    private static MdEntry entry(MdEntryType type, String id, String price, long queueTime) {
        return new MdEntry(null, type, id, Decimal.parse(price), Decimal.parse("1"), Stamp.NO_TIME, Stamp.NO_TIME,
                queueTime, null, null);
    }

    @Test
    void aSnapshotIsPerOrderWhenItsIdsAreNotLevelIdsOrItCarriesQueueTimes() {
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, "B100.0", "100.0", Stamp.NO_TIME),
                entry(MdEntryType.OFFER, "O101.5", "101.5", Stamp.NO_TIME)))).as("Kraken's L2 ids").isFalse();
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, null, "100.0", Stamp.NO_TIME)))).isFalse();
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, "B100", "100.00", Stamp.NO_TIME))))
                .as("the same price written otherwise").isFalse();
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, "OQCLML-BW3P3-BUCMWZ", "100.0", Stamp.NO_TIME))))
                .as("an OrderID").isTrue();
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, "B99.0", "100.0", Stamp.NO_TIME))))
                .as("a level id of another price").isTrue();
        assertThat(Replay.level3(List.of(entry(MdEntryType.BID, "B100.0", "100.0", T)))).as("5273").isTrue();
    }

    private Path journal(String session, MarketDataRequest request, MdEntry... entries) {
        Path dir = tmp.resolve(session);
        try (ChronicleJournal j = ChronicleJournal.open(dir)) {
            if (request != null) {
                j.appendOutbound(session, T, 0, 1, request);
            }
            j.appendInbound(session, new MarketDataSnapshot(new Stamp(T + 1, 0, 1), "r", "BTC/USD", List.of(entries)));
        }
        return dir;
    }

    @Test
    void aBookLevelTheJournalDoesNotHaveIsRefusedInOneLine() {
        Path l2 = journal("md", null, entry(MdEntryType.BID, "B100.0", "100.0", Stamp.NO_TIME),
                entry(MdEntryType.OFFER, "O101.0", "101.0", Stamp.NO_TIME));
        Path l3 = journal("md-l3", MarketDataRequest.l3("r", 10, List.of("BTC/USD")),
                entry(MdEntryType.BID, "OA", "100.0", Stamp.NO_TIME), entry(MdEntryType.OFFER, "OB", "101.0",
                        Stamp.NO_TIME));

        assertThatThrownBy(() -> Replay.run(ReplayOptions.of(l2, "quoter", Map.of(), tmp.resolve("o1"))
                .withBook(ReplayOptions.BookLevel.L3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no L3 market data").hasMessageContaining("[md]");
        assertThatThrownBy(() -> Replay.run(ReplayOptions.of(l3, "quoter", Map.of(), tmp.resolve("o2"))
                .withBook(ReplayOptions.BookLevel.L2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has only L3 market data").hasMessageContaining("[md-l3]");
        assertThat(Replay.run(ReplayOptions.of(l3, "quoter", Map.of(), tmp.resolve("o3"))).bookLevel())
                .as("auto").isEqualTo("L3");
        assertThat(Replay.run(ReplayOptions.of(l2, "quoter", Map.of(), tmp.resolve("o4"))).bookLevel())
                .as("auto").isEqualTo("L2");
    }
}
