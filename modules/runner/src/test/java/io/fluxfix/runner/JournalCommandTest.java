package io.fluxfix.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JournalCommandTest {

    private static final Instant T0 = Instant.parse("2026-04-07T14:32:05Z");
    private static final int DAY = 20_550;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void resetTail() {
        JournalCommand.Tail.RUNNING.set(true);
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static MarketDataIncrement increment(long seq, Instant at) {
        return new MarketDataIncrement(new Stamp(nanos(at), DAY, seq), "md-1", "BTC/USD",
                List.of(MdEntry.update(MdUpdateAction.NEW, MdEntryType.BID, "B84000", Decimal.parse("84000.0"),
                        Decimal.parse("0.5"), Stamp.NO_TIME)), 123L);
    }

    private static ExecutionReport fill(long seq, Instant at) {
        return new ExecutionReport(new Stamp(nanos(at), DAY, seq), "1744036325000000", "1744036324000000",
                "OQNCZM-NVAVC-AVD2LO", "EXEC003:TRD001", null, ExecType.TRADE, OrdStatus.FILLED, "BTC/USD", Side.BUY,
                null, null, Decimal.parse("0.001"), Decimal.parse("84000"), null, null, null, Decimal.parse("84000"),
                Decimal.parse("0.001"), null, Decimal.parse("0.001"), Decimal.parse("0"), null, null, List.of(), null,
                null, nanos(at), Stamp.NO_TIME, "filled", -1, null);
    }

    /** 3 increments on spot-md at T0+0,1,2 s, a fill on spot-trading at T0+3 s, a cancel sent at T0+4 s. */
    private void writeJournal() {
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            for (int i = 0; i < 3; i++) {
                journal.appendInbound("spot-md", increment(i + 1, T0.plusSeconds(i)));
            }
            journal.appendInbound("spot-trading", fill(7, T0.plusSeconds(3)));
            journal.appendOutbound("spot-trading", nanos(T0.plusSeconds(4)), DAY, 8,
                    new CancelOrder("c-2", "1744036325000000", null, "BTC/USD", Side.BUY, Stamp.NO_TIME));
        }
    }

    @Test
    void statsCountsRecordsPerTypeAndSessionAndShowsTheTimeRange() {
        writeJournal();

        assertThat(run("journal", "stats", dir.toString())).isZero();

        assertThat(out.toString())
                .containsPattern("records\\s+5")
                .containsPattern("MarketDataIncremental\\s+3")
                .containsPattern("ExecutionReport\\s+1")
                .containsPattern("CancelOrder\\s+1")
                .containsPattern("spot-md in\\s+3")
                .containsPattern("spot-trading in\\s+1")
                .containsPattern("spot-trading out\\s+1")
                .contains("2026-04-07T14:32:05Z .. 2026-04-07T14:32:09Z")
                .containsPattern("size\\s+[1-9][0-9]* bytes in 1 day file ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dumpJsonWritesOneObjectPerRecordWithTheOrderFields() throws IOException {
        writeJournal();

        assertThat(run("journal", "dump", dir.toString(), "--json")).isZero();

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).extracting(n -> n.get("type").asText()).containsExactly("MarketDataIncremental",
                "MarketDataIncremental", "MarketDataIncremental", "ExecutionReport", "CancelOrder");
        JsonNode er = lines.get(3);
        assertThat(er.get("time").asText()).isEqualTo("2026-04-07T14:32:08Z");
        assertThat(er.get("session").asText()).isEqualTo("spot-trading");
        assertThat(er.get("direction").asText()).isEqualTo("in");
        assertThat(er.get("clOrdId").asText()).isEqualTo("1744036325000000");
        assertThat(er.get("origClOrdId").asText()).isEqualTo("1744036324000000");
        assertThat(er.get("orderId").asText()).isEqualTo("OQNCZM-NVAVC-AVD2LO");
        assertThat(er.get("symbol").asText()).isEqualTo("BTC/USD");
        assertThat(er.get("execType").asText()).isEqualTo("TRADE");
        assertThat(er.get("ordStatus").asText()).isEqualTo("FILLED");
        assertThat(er.get("text").asText()).isEqualTo("filled");
        assertThat(er.get("lastPx").asText()).isEqualTo("84000");
        assertThat(er.has("expireTime")).as("absent times are left out").isFalse();
        JsonNode cancel = lines.get(4);
        assertThat(cancel.get("direction").asText()).isEqualTo("out");
        assertThat(cancel.get("origClOrdId").asText()).isEqualTo("1744036325000000");
        assertThat(cancel.get("seqNum").asLong()).isEqualTo(8);
        assertThat(lines.get(0).get("entries").get(0).get("price").asText()).isEqualTo("84000.0");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void dumpFiltersByTypeAndTime() {
        writeJournal();

        assertThat(run("journal", "dump", dir.toString(), "--type", "MarketDataIncremental",
                "--from", "2026-04-07T14:32:06Z", "--to", "2026-04-07T14:32:09Z")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("2026-04-07T14:32:06Z in  spot-md day=20550 seq=2 MarketDataIncremental");
        assertThat(lines.get(1)).contains("seq=3");
    }

    @Test
    void errorsAreOneLineOnStderrAndANonZeroExit() throws IOException {
        writeJournal();
        Path notAJournal = Files.createDirectory(dir.resolve("empty"));

        assertError(run("journal", "stats", dir.resolve("missing").toString()), "no journal directory");
        assertError(run("journal", "dump", notAJournal.toString()), "is not a journal");
        assertError(run("journal", "dump", dir.toString(), "--from", "yesterday"), "--from 'yesterday'");
        assertError(run("journal", "dump", dir.toString(), "--type", "Bogus"), "unknown record type 'Bogus'");
        assertThat(out.toString()).isEmpty();
    }

    private void assertError(int exit, String message) {
        assertThat(exit).isEqualTo(JournalCommand.EXIT_JOURNAL);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("fluxfix: ").contains(message);
        err.getBuffer().setLength(0);
    }

    @Test
    void tailPrintsRecordsAppendedWhileItRuns() throws Exception {
        writeJournal();
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(
                    () -> run("journal", "tail", dir.toString(), "--json"));
            // the tail starts at the end: keep appending until it has seen one, then check what it printed
            long[] seq = {100};
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                journal.appendInbound("spot-md", increment(seq[0]++, T0.plusSeconds(60)));
                return out.toString().contains("\"seqNum\":100") || out.toString().contains("MarketDataIncremental");
            });
            JournalCommand.Tail.RUNNING.set(false);
            assertThat(tail.get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString()).doesNotContain("\"seqNum\":1,").contains("\"session\":\"spot-md\"");
        assertThat(err.toString()).isEmpty();
    }
}
