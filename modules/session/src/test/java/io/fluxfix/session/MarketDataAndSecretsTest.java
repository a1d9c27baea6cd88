package io.fluxfix.session;

import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.ReferenceDataEvent;
import io.fluxfix.model.event.SessionEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.fluxfix.session.Recorder.WAIT;
import static io.fluxfix.session.Recorder.awaitLogon;
import static io.fluxfix.session.Recorder.clOrdId;
import static io.fluxfix.session.Recorder.limit;
import static io.fluxfix.session.Recorder.report;
import static org.assertj.core.api.Assertions.assertThat;

/** Market data (W then X, instruments and resubscription on every reconnect) and no credential on disk. */
class MarketDataAndSecretsTest {

    @TempDir
    static Path tls;
    @TempDir
    Path dir;
    TestVenue v;

    @BeforeEach
    void venue() {
        v = new TestVenue(tls, dir.resolve("venue"), "MDS");
    }

    @AfterEach
    void stop() {
        v.close();
    }

    @Test
    void subscribesGetsSnapshotThenIncrementsAndAfterAReconnectTheInstrumentsAndANewSnapshot() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"));
             KrakenClient client = v.client(List.of(v.session("md", KrakenEndpoint.SPOT_MARKET_DATA, v.alice),
                        v.session("trd", KrakenEndpoint.SPOT_TRADING, v.alice)), journal,
                TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), dir.resolve("store"), null)) {
            KrakenSession md = client.session("md");
            KrakenSession trd = client.session("trd");
            try (Recorder<SessionEvent> mdEvents = new Recorder<>(md.sessionEvents(), journal);
                 Recorder<SessionEvent> trdEvents = new Recorder<>(trd.sessionEvents(), journal);
                 Recorder<ReferenceDataEvent> ref = new Recorder<>(md.referenceData(), journal);
                 Recorder<Event> orders = new Recorder<>(trd.orderEvents(), journal)) {
                client.start();
                awaitLogon(mdEvents, 1);
                awaitLogon(trdEvents, 1);
                ref.await(InstrumentList.class, l -> true);
                // The venue sends an empty book's W without 268, which Kraken's dictionary refuses: start non-empty.
                String first = clOrdId(v);
                trd.send(limit(v, first, Side.BUY, "0.001", "1000")).block(WAIT);
                report(orders, first, ExecType.NEW);
                Recorder<MarketDataEvent> book = new Recorder<>(
                        md.marketData(MarketDataRequest.l2("book-1", 10, List.of("BTC/USD"))), journal);
                book.await(MarketDataSnapshot.class, s -> s.symbol().equals("BTC/USD"));
                String id = clOrdId(v);
                trd.send(limit(v, id, Side.BUY, "0.001", "1001")).block(WAIT);
                report(orders, id, ExecType.NEW);
                MarketDataIncrement inc = book.await(MarketDataIncrement.class, x -> true);
                assertThat(book.seen.indexOf(inc)).as("the snapshot comes first").isPositive();

                md.fix().cutConnection();
                awaitLogon(mdEvents, 2);
                Awaitility.await().atMost(WAIT).until(() -> book.count(MarketDataSnapshot.class, s -> true) >= 2
                        && ref.count(InstrumentList.class, l -> true) >= 2);
                assertThat(journal.of("md", Direction.OUT, InstrumentListRequest.class)).hasSize(2);
                assertThat(journal.of("md", Direction.OUT, MarketDataRequest.class)).hasSize(2)
                        .allMatch(r -> r.mdReqId().equals("book-1"));
                assertThat(book.notJournaledFirst).isEmpty();
                assertThat(ref.notJournaledFirst).isEmpty();
                book.close();
            }
        }
    }

    @Test
    void noFileTheProcessWroteHoldsTheKeyTheSecretANonceOrASignature() throws IOException {
        Path store = dir.resolve("store");
        Path logs = dir.resolve("logs");
        Path journalDir = dir.resolve("journal");
        try (TestJournal journal = new TestJournal(journalDir);
             KrakenClient client = v.client(List.of(v.session("trd", KrakenEndpoint.SPOT_TRADING, v.alice)), journal,
                TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET), store, logs)) {
            KrakenSession trd = client.session("trd");
            try (Recorder<SessionEvent> events = new Recorder<>(trd.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(trd.orderEvents(), journal)) {
                client.start();
                awaitLogon(events, 1);
                String id = clOrdId(v);
                trd.send(limit(v, id, Side.BUY, "0.001", "1000")).block(WAIT);
                report(orders, id, ExecType.NEW);
                assertThat(journal.of("trd", Direction.OUT, NewOrder.class)).extracting(NewOrder::clOrdId)
                        .containsExactly(id);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Stream.of(store, logs, journalDir).flatMap(MarketDataAndSecretsTest::walk)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the store, the logs and the Chronicle journal were written")
                .anyMatch(p -> p.toString().endsWith(".body")).anyMatch(p -> p.toString().contains("messages"))
                .anyMatch(p -> p.startsWith(journalDir) && p.toString().endsWith(".cq4"));
        Pattern unmasked = Pattern.compile("(^|[\\x01|])(553|554|5025)=(?!\\*{8}[\\x01|])");
        String secretPlain = "alice-secret";
        // The first Logon's signature: MsgSeqNum 1 of a fresh store, the nonce is the (fixed) test clock's millis.
        String signature = LogonSignature.sign(TestVenue.ALICE_KEY, ApiSecret.ofBase64(TestVenue.ALICE_SECRET), 1,
                v.alice, KrakenEndpoint.SPOT_TRADING.targetCompId(), Long.toString(v.now.get().toEpochMilli()));
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET, secretPlain,
                    signature);
            assertThat(unmasked.matcher(text).find()).as(f + " holds an unmasked credential tag").isFalse();
        }
        String allLogs = files.stream().filter(p -> p.startsWith(logs)).map(p -> {
            try {
                return Files.readString(p, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).reduce("", String::concat);
        assertThat(allLogs).as("the outbound Logon was logged, masked").contains("553=********", "554=********",
                "5025=********");
    }

    private static Stream<Path> walk(Path p) {
        try {
            return Files.exists(p) ? Files.walk(p).toList().stream() : Stream.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
