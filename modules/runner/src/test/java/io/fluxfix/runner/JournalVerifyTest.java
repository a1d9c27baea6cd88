package io.fluxfix.runner;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenFixParser;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code journal verify} over what a FIX market-data session journals: Kraken's documented FIX example. */
class JournalVerifyTest {

    private static final long T = 1_697_104_455_000_000_000L;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Event decode(List<String> lines, String type, long seq) throws Exception {
        String line = lines.stream().filter(l -> l.contains("|35=" + type + "|")).findFirst().orElseThrow();
        return new KrakenDecoder().decode(new KrakenFixParser().parsePiped(line), new Stamp(T + seq, 19_642, seq));
    }

    private void journal(boolean tamper) throws Exception {
        List<String> lines = KrakenFixtures.lines(KrakenFixtures.FIX_CHECKSUM_EXAMPLE);
        MarketDataIncrement x = (MarketDataIncrement) decode(lines, "X", 12);
        if (tamper) {
            x = new MarketDataIncrement(x.stamp(), x.mdReqId(), x.symbol(), x.entries(), x.checksum() + 1);
        }
        try (ChronicleJournal j = ChronicleJournal.open(dir)) {
            j.appendInbound("spot-md", decode(lines, "y", 3));
            j.appendOutbound("spot-md", T + 6, 19_642, 6, MarketDataRequest.l2("0", 10, List.of("BTC/USD")));
            j.appendInbound("spot-md", decode(lines, "W", 7));
            j.appendInbound("spot-md", x);
            j.appendInbound("spot-md", new SessionEvent.Disconnected(new Stamp(T + 20, 19_642, 0), "spot-md", "bye"));
        }
    }

    @Test
    void theFixExampleVerifiesWithThePrecisionsOfItsInstrumentList() throws Exception {
        journal(false);
        assertThat(run("journal", "verify", dir.toString())).isZero();
        assertThat(out.toString().lines().toList()).contains("records read: 5", "snapshots: 1", "updates: 1",
                "checksums verified: 1", "checksum mismatches: 0");
    }

    @Test
    void aWrongChecksumIsReportedWithExitCode3() throws Exception {
        journal(true);
        assertThat(run("journal", "verify", dir.toString())).isEqualTo(JournalCommand.EXIT_MISMATCH);
        assertThat(out.toString()).contains("checksum mismatches: 1",
                "checksum mismatch: BTC/USD (0) at 2023-10-12T09:54:15.000000012Z: checksum 3341325817 expected, "
                        + "the book gives 3341325816");
    }

    @Test
    void aDirectoryThatIsNotAJournalIsOneLineAndExitCode1() {
        assertThat(run("journal", "verify", dir.resolve("missing").toString())).isEqualTo(JournalCommand.EXIT_JOURNAL);
        assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("fluxfix: ");
    }
}
