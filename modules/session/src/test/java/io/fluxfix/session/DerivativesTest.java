package io.fluxfix.session;

import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.kraken.ClOrdIdGenerator;
import io.fluxfix.testkit.LeakCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static io.fluxfix.session.Recorder.WAIT;
import static io.fluxfix.session.Recorder.awaitLogon;
import static io.fluxfix.session.Recorder.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derivatives end to end against the local venue over TLS: trading (COMB-UUID ClOrdIDs, 18=s) with two
 * accounts crossing on PF_XBTUSD, Level 2 market data (port N+2) and Level 3 market data (port N+4).
 */
@LeakCheck(scope = LeakCheck.Scope.CLASS)
class DerivativesTest {

    private static final String SYMBOL = "PF_XBTUSD";

    /** Also the one QuickFIX/J store of the class: the venue keeps a trading CompID's numbers between tests. */
    @TempDir
    static Path dir;
    static TestVenue v;
    static ClOrdIdGenerator ids;

    @BeforeAll
    static void venue() {
        v = new TestVenue(dir.resolve("tls"), dir.resolve("venue"), "DRV");
        ids = ClOrdIdGenerator.combUuid(v.clock, new Random(7));
    }

    @BeforeEach
    void nextNonce() {
        // The test clock stands still, and a logon nonce must rise above the last one the venue saw for the CompID.
        v.advance(Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        v.close();
    }

    private static NewOrder order(String clOrdId, Side side, String qty, String price) {
        return NewOrder.limit(clOrdId, SYMBOL, side, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.of(ExecInstruction.SINGLE_FEE),
                v.now.get().toEpochMilli() * 1_000_000L);
    }

    @Test
    void twoAccountsCrossOnAPerpetualAndBothSeeTheirFills(@TempDir Path t) {
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient a = v.client(List.of(v.session("alice-drv", KrakenEndpoint.DERIVATIVES_TRADING,
                     v.alice + "-DRV")), journal, TestVenue.env(TestVenue.ALICE_KEY, TestVenue.ALICE_SECRET),
                     dir.resolve("store"), null);
             KrakenClient b = v.client(List.of(v.session("bob-drv", KrakenEndpoint.DERIVATIVES_TRADING,
                     v.bob + "-DRV")), journal, TestVenue.env(TestVenue.BOB_KEY, TestVenue.BOB_SECRET),
                     dir.resolve("store"), null)) {
            KrakenSession alice = a.session("alice-drv");
            KrakenSession bob = b.session("bob-drv");
            try (Recorder<SessionEvent> ea = new Recorder<>(alice.sessionEvents(), journal);
                 Recorder<SessionEvent> eb = new Recorder<>(bob.sessionEvents(), journal);
                 Recorder<Event> oa = new Recorder<>(alice.orderEvents(), journal);
                 Recorder<Event> ob = new Recorder<>(bob.orderEvents(), journal)) {
                a.start();
                b.start();
                awaitLogon(ea, 1);
                awaitLogon(eb, 1);
                String sell = ids.next();
                alice.send(order(sell, Side.SELL, "0.01", "84000")).block(WAIT);
                ExecutionReport resting = report(oa, sell, ExecType.NEW);
                String buy = ids.next();
                bob.send(order(buy, Side.BUY, "0.004", "84000")).block(WAIT);
                ExecutionReport bobFill = report(ob, buy, ExecType.TRADE);
                ExecutionReport aliceFill = report(oa, sell, ExecType.TRADE);

                assertThat(oa.seen).as("nothing refused").noneMatch(e -> !(e instanceof ExecutionReport));
                assertThat(ob.seen).as("nothing refused").noneMatch(e -> !(e instanceof ExecutionReport));
                assertThat(resting.symbol()).isEqualTo(SYMBOL);
                assertThat(bobFill.lastQty()).isEqualTo(Decimal.parse("0.004"));
                assertThat(aliceFill.lastQty()).isEqualTo(Decimal.parse("0.004"));
                assertThat(aliceFill.lastPx()).isEqualTo(Decimal.parse("84000"));
                assertThat(aliceFill.orderId()).isEqualTo(resting.orderId());

                NewOrder sent = journal.of("alice-drv", Direction.OUT, NewOrder.class).get(0);
                assertThat(sent.clOrdId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
                assertThat(sent.execInstructions().contains(ExecInstruction.SINGLE_FEE)).isTrue();
                assertThat(journal.of("bob-drv", Direction.OUT, NewOrder.class)).extracting(NewOrder::clOrdId)
                        .containsExactly(buy);
                assertThat(journal.of("alice-drv", Direction.IN, ExecutionReport.class))
                        .containsSubsequence(resting, aliceFill);
                assertThat(journal.of("bob-drv", Direction.IN, ExecutionReport.class)).contains(bobFill);
                assertThat(oa.notJournaledFirst).isEmpty();
                assertThat(ob.notJournaledFirst).isEmpty();
                assertThat(ea.notJournaledFirst).isEmpty();
            }
        }
    }

    @Test
    void levelTwoAndLevelThreeSessionsGetASnapshotThenIncrementsEachFromItsOwnPort(@TempDir Path t) {
        String compId = v.bob + "-DRV";
        try (TestJournal journal = new TestJournal(t.resolve("journal"));
             KrakenClient client = v.client(List.of(
                     v.session("bob-drv", KrakenEndpoint.DERIVATIVES_TRADING, compId),
                     v.session("drv-l2", KrakenEndpoint.DERIVATIVES_MARKET_DATA, compId),
                     v.session("drv-l3", KrakenEndpoint.DERIVATIVES_MARKET_DATA_L3, compId)), journal,
                     TestVenue.env(TestVenue.BOB_KEY, TestVenue.BOB_SECRET), dir.resolve("store"), null)) {
            KrakenSession trd = client.session("bob-drv");
            KrakenSession l2 = client.session("drv-l2");
            KrakenSession l3 = client.session("drv-l3");
            try (Recorder<SessionEvent> et = new Recorder<>(trd.sessionEvents(), journal);
                 Recorder<SessionEvent> e2 = new Recorder<>(l2.sessionEvents(), journal);
                 Recorder<SessionEvent> e3 = new Recorder<>(l3.sessionEvents(), journal);
                 Recorder<Event> orders = new Recorder<>(trd.orderEvents(), journal)) {
                client.start();
                awaitLogon(et, 1);
                awaitLogon(e2, 1);
                awaitLogon(e3, 1);
                // The venue sends an empty book's W without 268, which Kraken's dictionary refuses: start non-empty.
                String first = ids.next();
                long placedAt = v.now.get().getEpochSecond() * 1_000_000_000L + v.now.get().getNano();
                trd.send(order(first, Side.BUY, "0.01", "80000")).block(WAIT);
                ExecutionReport firstNew = report(orders, first, ExecType.NEW);

                try (Recorder<MarketDataEvent> book = new Recorder<>(
                             l2.marketData(MarketDataRequest.l2("drv-book", 10, List.of(SYMBOL))), journal);
                     Recorder<MarketDataEvent> orderBook = new Recorder<>(
                             l3.marketData(MarketDataRequest.l3("drv-orders", 10, List.of(SYMBOL))), journal)) {
                    MarketDataSnapshot l2Snap = book.await(MarketDataSnapshot.class, s -> true);
                    MarketDataSnapshot l3Snap = orderBook.await(MarketDataSnapshot.class, s -> true);
                    String second = ids.next();
                    trd.send(order(second, Side.BUY, "0.02", "80001")).block(WAIT);
                    ExecutionReport secondNew = report(orders, second, ExecType.NEW);
                    MarketDataIncrement l2Inc = book.await(MarketDataIncrement.class, x -> true);
                    MarketDataIncrement l3Inc = orderBook.await(MarketDataIncrement.class,
                            x -> x.entries().stream().anyMatch(e -> secondNew.orderId().equals(e.entryId())));

                    assertThat(l2Snap.symbol()).isEqualTo(SYMBOL);
                    assertThat(l2Snap.entries()).singleElement().satisfies(e -> {
                        assertThat(e.price()).isEqualTo(Decimal.parse("80000"));
                        assertThat(e.size()).isEqualTo(Decimal.parse("0.01"));
                        assertThat(e.entryId()).as("a price level, not an order").isNotEqualTo(firstNew.orderId());
                    });
                    assertThat(book.seen.indexOf(l2Inc)).as("the snapshot comes first")
                            .isGreaterThan(book.seen.indexOf(l2Snap));
                    assertThat(l2Inc.entries()).anyMatch(e -> e.price().equals(Decimal.parse("80001")));

                    assertThat(l3Snap.symbol()).isEqualTo(SYMBOL);
                    assertThat(l3Snap.entries()).singleElement().satisfies(e -> {
                        assertThat(e.entryId()).as("MDEntryID is the order id").isEqualTo(firstNew.orderId());
                        assertThat(e.size()).isEqualTo(Decimal.parse("0.01"));
                        assertThat(e.queueTime()).as("5273, the time it joined its queue (the venue's clock)")
                                .isEqualTo(placedAt);
                    });
                    MdEntry added = l3Inc.entries().stream().filter(e -> secondNew.orderId().equals(e.entryId()))
                            .findFirst().orElseThrow();
                    assertThat(added.price()).isEqualTo(Decimal.parse("80001"));
                    // Placed at the same (still) venue instant, it joined after the first: 5273 keeps queue order.
                    assertThat(added.queueTime()).isGreaterThan(placedAt);
                    assertThat(orderBook.seen.indexOf(l3Inc)).isGreaterThan(orderBook.seen.indexOf(l3Snap));

                    assertThat(journal.of("drv-l2", Direction.OUT, MarketDataRequest.class))
                            .extracting(MarketDataRequest::mdReqId).containsExactly("drv-book");
                    assertThat(journal.of("drv-l3", Direction.OUT, MarketDataRequest.class))
                            .singleElement().satisfies(r -> assertThat(r.isLevel3()).isTrue());
                    assertThat(journal.of("drv-l2", Direction.IN, MarketDataEvent.class))
                            .containsSubsequence(l2Snap, l2Inc);
                    assertThat(journal.of("drv-l3", Direction.IN, MarketDataEvent.class))
                            .containsSubsequence(l3Snap, l3Inc);
                    assertThat(book.notJournaledFirst).isEmpty();
                    assertThat(orderBook.notJournaledFirst).isEmpty();
                    assertThat(e3.notJournaledFirst).isEmpty();
                }
            }
        }
    }
}
