package io.fluxfix.research;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.testkit.LeakCheck;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code recorded} fills: a journal that holds a run's commands and execution reports (here a simulated replay's
 * own output journal) replayed with its own reports reproduces the same commands; a strategy that decides
 * differently is caught at its first different command.
 */
@LeakCheck(allowThreads = "Java2D Disposer") // the JDK's own, started once per JVM by the plots
class RecordedParityTest {

    private static final Map<String, String> PARAMS = Map.of("size", "0.05", "spread-bps", "2", "requote-bps", "1");

    @TempDir
    Path tmp;

    private Path simulatedRun() {
        Path journal = ReplayFixtures.importKraken(KrakenFixtures.WS_V1_BOOK10_XBTUSD, tmp.resolve("journal"));
        ReplayResult run = Replay.run(ReplayOptions.of(journal, "quoter", PARAMS, tmp.resolve("run")));
        assertThat(run.commandCount()).isGreaterThan(3);
        return tmp.resolve("run/journal");
    }

    @Test
    void replayingARunWithItsOwnReportsReproducesItsCommands() throws Exception {
        Path runJournal = simulatedRun();

        ReplayResult again = Replay.run(ReplayOptions.of(runJournal, "quoter", PARAMS, tmp.resolve("again"))
                .withFills(ReplayOptions.Fills.RECORDED));

        assertThat(again.parity()).isNotNull();
        assertThat(again.parity().first()).isNull();
        assertThat(again.parity().holds()).isTrue();
        assertThat(again.parity().replayed()).isEqualTo(again.parity().recorded()).isGreaterThan(3);
        assertThat(Files.readString(tmp.resolve("again/summary.json"))).contains("\"holds\" : true");
        // the recorded reports brought the same fills
        assertThat(Files.readString(tmp.resolve("again/fills.csv"))).isEqualTo(Files.readString(tmp.resolve("run/fills.csv")));
    }

    @Test
    void aStrategyThatDecidesDifferentlyIsReportedAtItsFirstDifferentCommand() throws Exception {
        Path runJournal = simulatedRun();
        OrderCommand firstRecorded;
        try (JournalReader r = JournalReader.open(runJournal);
             JournalReader.Cursor c = r.cursor(ReplayFilter.ALL.types(RecordType.NEW_ORDER))) {
            JournalRecord rec = c.next();
            firstRecorded = (OrderCommand) rec.command();
        }

        ReplayResult smaller = Replay.run(ReplayOptions.of(runJournal, "quoter",
                Map.of("size", "0.04", "spread-bps", "2", "requote-bps", "1"), tmp.resolve("smaller"))
                .withFills(ReplayOptions.Fills.RECORDED));

        assertThat(smaller.parity().holds()).isFalse();
        ReplayResult.Divergence d = smaller.parity().first();
        assertThat(d.index()).isZero();
        assertThat(d.expected()).startsWith("NewOrder " + firstRecorded.clOrdId())
                .contains(" " + ((NewOrder) firstRecorded).orderQty() + " @ ");
        assertThat(d.actual()).startsWith("NewOrder ").contains(" 0.04 @ ");
        assertThat(Files.readString(tmp.resolve("smaller/summary.json"))).contains("\"holds\" : false")
                .contains("firstDivergence");
    }
}
