package io.fluxfix.venue.fix;

import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.command.TradingSessionStatusRequest;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdRejectReason;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.event.TradingSessionStatus;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;
import org.junit.jupiter.api.Test;
import quickfix.Message;
import quickfix.SessionID;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Level 2 feed checked from outside: a client that knows only what 35=W and 35=X say rebuilds each book,
 * and after every X its own CRC32 (computed here, not with the venue's code) equals 5041 and its levels equal
 * the venue's top levels at the subscribed depth — over a long seeded run with sweeps and deletes at the
 * depth edge.
 */
class MarketDataGatewayTest {

    private static final long NOW = 1_775_572_325_000_000_000L;
    private static final SessionID CLIENT = new SessionID("FIX.4.4", "KRAKEN-MD", "ALICE");
    private static final OrderOrigin ALICE = new OrderOrigin("alice", "ALICE", 1);
    private static final OrderOrigin BOB = new OrderOrigin("bob", "BOB", 1);

    private final VenueConfig config = VenueConfig.read(ConfigSource.of("t.yaml", Map.ofEntries(
            Map.entry("venue.tls", "false"),
            Map.entry("venue.persistence", "false"),
            Map.entry("accounts.alice.spot-comp-id", "ALICE"),
            Map.entry("accounts.alice.api-key", "ka"),
            Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
            Map.entry("accounts.alice.balances.USD", "100000000"),
            Map.entry("accounts.alice.balances.BTC", "100000"),
            Map.entry("accounts.bob.spot-comp-id", "BOB"),
            Map.entry("accounts.bob.api-key", "kb"),
            Map.entry("accounts.bob.api-secret", "c2VjcmV0"),
            Map.entry("accounts.bob.balances.USD", "100000000"),
            Map.entry("accounts.bob.balances.BTC", "100000"),
            Map.entry("accounts.bob.balances.ETH", "1000"),
            Map.entry("assets.USD.decimals", "4"),
            Map.entry("instruments.BTC/USD.price-precision", "1"),
            Map.entry("instruments.BTC/USD.qty-precision", "8"),
            Map.entry("instruments.BTC/USD.tick-size", "0.1"),
            Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
            Map.entry("instruments.ETH/USD.price-precision", "2"),
            Map.entry("instruments.ETH/USD.qty-precision", "8"),
            Map.entry("instruments.ETH/USD.tick-size", "0.01"),
            Map.entry("instruments.ETH/USD.qty-min", "0.005"))));
    private final Map<Market, MatchingEngine> engines = new EnumMap<>(Market.class);
    private final MarketDataGateway md;
    private final MatchingEngine spot;
    private final List<Event> received = new ArrayList<>();
    private final List<MarketDataGateway.Trade> trades = new ArrayList<>();
    private final KrakenEncoder encoder = new KrakenEncoder();
    private final KrakenDecoder decoder = new KrakenDecoder();
    private int seq = 1;
    private long ids = 1_775_572_325_000_000L;

    MarketDataGatewayTest() {
        for (Market m : Market.values()) {
            engines.put(m, new MatchingEngine(m, config, TradingDay.KRAKEN));
        }
        spot = engines.get(Market.SPOT);
        TradingGateway gateway = new TradingGateway(config, engines, null, () -> Instant.EPOCH.plusNanos(NOW),
                TradingDay.KRAKEN, GatewayMetrics.NONE);
        md = new MarketDataGateway(config, engines, gateway, TradingDay.KRAKEN);
        md.sender((to, m) -> {
            try {
                received.add(decoder.decode(m, new Stamp(NOW, 0, 0)));
            } catch (Exception e) {
                throw new AssertionError("the venue sent what a client cannot decode: " + m, e);
            }
        });
        md.loggedOn(CLIENT, Market.SPOT);
    }

    // --- a client that knows only W and X --------------------------------------------------------------------

    /** One subscription's book as a client rebuilds it: price → size per side, and the last 5041 it saw. */
    private static final class ClientBook {
        final TreeMap<Decimal, Decimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Decimal, Decimal> asks = new TreeMap<>();
        /** Kraken checksums the top ten whatever the depth: a client below depth 10 cannot check it. */
        final boolean canVerify;
        int increments;
        int checksumsVerified;

        ClientBook(int depth) {
            canVerify = depth == 0 || depth >= 10;
        }

        void snapshot(MarketDataSnapshot w) {
            bids.clear();
            asks.clear();
            for (MdEntry e : w.entries()) {
                side(e).put(e.price(), e.size());
            }
        }

        void apply(MarketDataIncrement x) {
            increments++;
            for (MdEntry e : x.entries()) {
                if (e.type() == MdEntryType.TRADE) {
                    continue;
                }
                assertThat(e.entryId()).isEqualTo((e.type() == MdEntryType.BID ? "B" : "O") + e.price());
                if (e.action() == MdUpdateAction.DELETE) {
                    assertThat(side(e).remove(e.price())).as("deleting a level the client has").isNotNull();
                } else {
                    side(e).put(e.price(), e.size());
                }
            }
            if (x.hasChecksum() && canVerify) {
                assertThat(crc()).as("the client's own CRC32 after X #%d", increments).isEqualTo(x.checksum());
                checksumsVerified++;
            }
        }

        private TreeMap<Decimal, Decimal> side(MdEntry e) {
            return e.type() == MdEntryType.BID ? bids : asks;
        }

        /** Kraken's recipe (§5.5) written out independently: strings, no venue code. */
        long crc() {
            StringBuilder sb = new StringBuilder();
            asks.entrySet().stream().limit(10).forEach(e -> sb.append(digits(e.getKey(), 1)).append(digits(e.getValue(), 8)));
            bids.entrySet().stream().limit(10).forEach(e -> sb.append(digits(e.getKey(), 1)).append(digits(e.getValue(), 8)));
            CRC32 crc = new CRC32();
            crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
            return crc.getValue();
        }

        private static String digits(Decimal d, int precision) {
            String s = d.toBigDecimal().setScale(precision).toPlainString().replace(".", "");
            return s.replaceFirst("^0+", "");
        }
    }

    private Message request(Command c) {
        Message m = encoder.encode(c);
        m.getHeader().setString(KrakenTags.BEGIN_STRING, "FIX.4.4");
        m.getHeader().setString(KrakenTags.SENDER_COMP_ID, "ALICE");
        m.getHeader().setString(KrakenTags.TARGET_COMP_ID, "KRAKEN-MD");
        m.getHeader().setString(KrakenTags.MSG_SEQ_NUM, Integer.toString(++seq));
        return m;
    }

    private void send(Command c) {
        md.onApp(CLIENT, request(c), NOW);
    }

    private List<Event> since(int mark) {
        return received.subList(mark, received.size());
    }

    /** One input to the engine, then the feed, as the trading gateway does it. */
    private void input(NewOrder o, OrderOrigin who) {
        trades.clear();
        spot.submit(o, who, false, NOW, (compId, er) -> {
            if (er.isFill() && er.liquidity() == Liquidity.TAKER) {
                trades.add(MarketDataGateway.Trade.of(er));
            }
        });
        md.afterInput(Market.SPOT, trades, NOW);
    }

    private void cancel(String clOrdId, OrderOrigin who) {
        spot.cancel(new CancelOrder(Long.toString(++ids), clOrdId, null, "BTC/USD", Side.BUY, NOW), who, NOW, (c, er) -> { });
        md.afterInput(Market.SPOT, List.of(), NOW);
    }

    private NewOrder limit(Side side, String qty, String price) {
        return NewOrder.limit(Long.toString(++ids), "BTC/USD", side, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, NOW);
    }

    // --- tests ---------------------------------------------------------------------------------------------

    @Test
    void aClientRebuildsTheBookFromWAndXAloneAndAgreesWithEveryChecksumOverALongSeededRun() {
        SplittableRandom random = new SplittableRandom(20261122);
        for (int i = 0; i < 40; i++) {
            input(limit(Side.BUY, "0.01", Decimal.of(840_000 - 10 * i, 1).toString()), BOB);
            input(limit(Side.SELL, "0.01", Decimal.of(840_100 + 10 * i, 1).toString()), BOB);
        }
        int[] depths = {1, 10, 25, 0};
        List<ClientBook> books = new ArrayList<>();
        for (int d : depths) {
            int mark = received.size();
            send(new MarketDataRequest("md" + d, SubscriptionType.SNAPSHOT_AND_UPDATES, d, true, true,
                    java.util.EnumSet.allOf(MdEntryType.class), List.of("BTC/USD")));
            assertThat(since(mark)).singleElement().isInstanceOf(MarketDataSnapshot.class);
            ClientBook book = new ClientBook(d);
            book.snapshot((MarketDataSnapshot) since(mark).get(0));
            assertThat(book.bids.size()).isEqualTo(d == 0 ? 40 : Math.min(d, 40));
            books.add(book);
        }
        List<String> resting = new ArrayList<>();
        int tradesSeen = 0;
        for (int step = 0; step < 3000; step++) {
            int mark = received.size();
            randomStep(random, resting, 30, 300, 200, false);
            for (Event e : since(mark)) {
                MarketDataIncrement x = (MarketDataIncrement) e;
                books.get(indexOf(x.mdReqId(), depths)).apply(x);
                tradesSeen += (int) x.entries().stream().filter(en -> en.type() == MdEntryType.TRADE).count();
            }
            for (int k = 0; k < depths.length; k++) {
                int depth = depths[k] == 0 ? 1000 : depths[k];
                assertThat(levels(books.get(k).bids)).as("bids at depth %d after step %d", depth, step)
                        .isEqualTo(levels(spot.levels("BTC/USD", Side.BUY, depth)));
                assertThat(levels(books.get(k).asks)).as("asks at depth %d after step %d", depth, step)
                        .isEqualTo(levels(spot.levels("BTC/USD", Side.SELL, depth)));
            }
        }
        for (ClientBook b : books) {
            assertThat(b.checksumsVerified).isEqualTo(b.canVerify ? b.increments : 0);
        }
        assertThat(books.get(1).checksumsVerified).isGreaterThan(1000);
        assertThat(tradesSeen).as("sweeps printed trades to the subscriptions with 269=2").isGreaterThan(100);
    }

    /**
     * One seeded input: a passive order within {@code levels} ticks of the touch (some icebergs if asked), a
     * cancel of a resting order, or a sweep {@code sweepTicks} through the book of up to {@code sweepLots} lots.
     */
    private void randomStep(SplittableRandom random, List<String> resting, int levels, int sweepTicks, int sweepLots,
                            boolean icebergs) {
        int r = random.nextInt(100);
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        OrderOrigin who = random.nextBoolean() ? ALICE : BOB;
        if (r < 55) {
            long px = side == Side.BUY ? 840_000 - 10L * random.nextInt(levels) : 840_100 + 10L * random.nextInt(levels);
            NewOrder o = icebergs && random.nextInt(10) == 0
                    ? new NewOrder(Long.toString(++ids), "BTC/USD", side, io.fluxfix.model.OrdType.LIMIT,
                    Decimal.parse("0.3"), Decimal.of(px, 1), null, TimeInForce.GOOD_TILL_CANCEL, Stamp.NO_TIME,
                    Stamp.NO_TIME, Stamp.NO_TIME, ExecInstructions.NONE, Decimal.parse("0.02"), null, null, false, null, NOW)
                    : limit(side, Decimal.of(1 + random.nextInt(50), 3).toString(), Decimal.of(px, 1).toString());
            input(o, who);
            resting.add(o.clOrdId());
        } else if (r < 85 && !resting.isEmpty()) {
            String id = resting.remove(random.nextInt(resting.size()));
            cancel(id, ALICE);
            cancel(id, BOB);
        } else {
            long px = side == Side.BUY ? 840_100 + sweepTicks : 840_000 - sweepTicks;
            input(new NewOrder(Long.toString(++ids), "BTC/USD", side, io.fluxfix.model.OrdType.LIMIT,
                    Decimal.of(5 + random.nextInt(sweepLots), 3), Decimal.of(px, 1), null, TimeInForce.IMMEDIATE_OR_CANCEL,
                    Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, ExecInstructions.NONE, null, null,
                    io.fluxfix.model.SelfTradePrevention.CANCEL_OLDEST, false, null, NOW), who);
        }
    }

    private static int indexOf(String mdReqId, int[] depths) {
        for (int i = 0; i < depths.length; i++) {
            if (mdReqId.equals("md" + depths[i])) {
                return i;
            }
        }
        throw new AssertionError(mdReqId);
    }

    private static List<String> levels(TreeMap<Decimal, Decimal> side) {
        List<String> out = new ArrayList<>();
        side.forEach((p, q) -> out.add(p.stripTrailingZeros() + "x" + q.stripTrailingZeros()));
        return out;
    }

    private static List<String> levels(List<Decimal[]> side) {
        List<String> out = new ArrayList<>();
        side.forEach(l -> out.add(l[0].stripTrailingZeros() + "x" + l[1].stripTrailingZeros()));
        return out;
    }

    @Test
    void tradesCarryTheTakersTypeAndSideAndALevelThatLeavesTheDepthIsDeletedWithItsSize() {
        input(limit(Side.SELL, "1", "84000"), BOB);
        input(limit(Side.SELL, "1", "84001"), BOB);
        int mark = received.size();
        send(new MarketDataRequest("top", SubscriptionType.SNAPSHOT_AND_UPDATES, 1, true, true,
                java.util.EnumSet.allOf(MdEntryType.class), List.of("BTC/USD")));
        assertThat(((MarketDataSnapshot) received.get(mark)).entries()).hasSize(1);

        mark = received.size();
        input(limit(Side.SELL, "0.5", "83999"), BOB);
        MarketDataIncrement x = (MarketDataIncrement) received.get(mark);
        assertThat(x.entries()).extracting(MdEntry::action, MdEntry::entryId, e -> e.size().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MdUpdateAction.DELETE, "O84000", "1"),
                        org.assertj.core.groups.Tuple.tuple(MdUpdateAction.NEW, "O83999", "0.5"));

        mark = received.size();
        input(limit(Side.BUY, "0.7", "84000"), ALICE);
        x = (MarketDataIncrement) received.get(mark);
        MdEntry first = x.entries().get(0);
        assertThat(first.type()).isEqualTo(MdEntryType.TRADE);
        assertThat(first.price()).isEqualTo(Decimal.parse("83999"));
        assertThat(first.aggressorSide()).isEqualTo(Side.BUY);
        assertThat(first.takerOrdType()).isEqualTo(io.fluxfix.model.OrdType.LIMIT);
        assertThat(x.entries()).extracting(MdEntry::action, MdEntry::entryId)
                .contains(org.assertj.core.groups.Tuple.tuple(MdUpdateAction.DELETE, "O83999"));
        assertThat(x.entries().stream().filter(e -> e.entryId() != null && e.entryId().equals("O83999")).findFirst()
                .orElseThrow().size().isZero()).as("removed from the book: 271=0").isTrue();
    }

    @Test
    void badRequestsGetKrakensRejectCodes() {
        send(MarketDataRequest.l2("a", 10, List.of("FOO/BAR")));
        send(MarketDataRequest.l2("b", 7, List.of("BTC/USD")));
        send(MarketDataRequest.l3("c", 10, List.of("BTC/USD")));
        send(new MarketDataRequest("d", SubscriptionType.SNAPSHOT_AND_UPDATES, 10, true, true,
                java.util.EnumSet.of(MdEntryType.BID), List.of("BTC/USD")));
        send(MarketDataRequest.l2("e", 10, List.of("BTC/USD")));
        send(MarketDataRequest.l2("e", 10, List.of("BTC/USD")));
        send(new MarketDataRequest("zz", SubscriptionType.UNSUBSCRIBE, 10, true, true,
                java.util.EnumSet.of(MdEntryType.BID, MdEntryType.OFFER), List.of("BTC/USD")));
        List<MarketDataReject> rejects = received.stream().filter(MarketDataReject.class::isInstance)
                .map(MarketDataReject.class::cast).toList();
        assertThat(rejects).extracting(MarketDataReject::mdReqId, MarketDataReject::reason, MarketDataReject::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", MdRejectReason.UNKNOWN_SYMBOL, "Unknown symbol: FOO/BAR"),
                        org.assertj.core.groups.Tuple.tuple("b", MdRejectReason.UNSUPPORTED_MARKET_DEPTH, "Unsupported market depth: 7"),
                        org.assertj.core.groups.Tuple.tuple("c", MdRejectReason.LEVEL3_NOT_AVAILABLE,
                                "Level 3 is available on the Level 3 ports only"),
                        org.assertj.core.groups.Tuple.tuple("d", MdRejectReason.UNSUPPORTED_ENTRY_TYPE,
                                "Bids and offers are subscribed together (269=0 and 269=1)"),
                        org.assertj.core.groups.Tuple.tuple("e", MdRejectReason.DUPLICATE_MD_REQ_ID, "Duplicate MDReqID"),
                        org.assertj.core.groups.Tuple.tuple("zz", null, "Unknown MDReqID: zz"));
        // the accepted "e" got its snapshot; after unsubscribing, nothing more comes
        int mark = received.size();
        send(new MarketDataRequest("e", SubscriptionType.UNSUBSCRIBE, 10, true, true,
                java.util.EnumSet.of(MdEntryType.BID, MdEntryType.OFFER), List.of("BTC/USD")));
        input(limit(Side.BUY, "1", "80000"), BOB);
        assertThat(since(mark)).isEmpty();
    }

    @Test
    void oneRequestMaySubscribeSeveralSymbolsEachWithItsOwnSnapshotAndIncrements() {
        input(limit(Side.BUY, "1", "83000"), BOB);
        send(MarketDataRequest.l2("both", 10, List.of("BTC/USD", "ETH/USD")));
        assertThat(received).extracting(e -> ((MarketDataSnapshot) e).symbol()).containsExactly("BTC/USD", "ETH/USD");
        assertThat(((MarketDataSnapshot) received.get(0)).entries()).hasSize(1);
        assertThat(((MarketDataSnapshot) received.get(1)).entries()).isEmpty();
        int mark = received.size();
        input(NewOrder.limit(Long.toString(++ids), "ETH/USD", Side.SELL, Decimal.parse("1"), Decimal.parse("3200"),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, NOW), BOB);
        assertThat(since(mark)).singleElement().satisfies(e -> {
            assertThat(((MarketDataIncrement) e).symbol()).isEqualTo("ETH/USD");
            assertThat(((MarketDataIncrement) e).mdReqId()).isEqualTo("both");
        });
    }

    @Test
    void oneSessionMayHoldAHundredSymbolSubscriptions() {
        for (int i = 0; i < 100; i++) {
            send(MarketDataRequest.l2("s" + i, 10, List.of("BTC/USD")));
        }
        assertThat(received).allMatch(MarketDataSnapshot.class::isInstance);
        send(MarketDataRequest.l2("one-too-many", 10, List.of("BTC/USD")));
        MarketDataReject y = (MarketDataReject) received.get(received.size() - 1);
        assertThat(y.reason()).isEqualTo(MdRejectReason.INSUFFICIENT_BANDWIDTH);
        assertThat(y.text()).isEqualTo("Too many subscriptions: at most 100 symbols per session");
    }

    @Test
    void instrumentListAndTradingStatusAnswerAndModeChangesAreAnnounced() {
        send(InstrumentListRequest.all("il1"));
        InstrumentList list = (InstrumentList) received.get(received.size() - 1);
        assertThat(list.instruments()).extracting(io.fluxfix.model.Instrument::symbol).containsExactly("BTC/USD", "ETH/USD");
        assertThat(list.instruments().get(0).pricePrecision()).isEqualTo(1);
        send(new InstrumentListRequest("il2", io.fluxfix.model.command.InstrumentListRequestType.SINGLE_SYMBOL, null,
                "SOL/USD", null));
        assertThat(((InstrumentList) received.get(received.size() - 1)).result())
                .isEqualTo(io.fluxfix.model.event.InstrumentListResult.NO_MATCH);

        send(new TradingSessionStatusRequest("ts1", "SESSION", SubscriptionType.SNAPSHOT_AND_UPDATES));
        TradingSessionStatus h = (TradingSessionStatus) received.get(received.size() - 1);
        assertThat(h.status()).isEqualTo(TradingStatus.ONLINE);
        assertThat(h.tradingSessionId()).isEqualTo("SESSION");
        md.tradingStatusChanged(TradingStatus.CANCEL_ONLY, NOW);
        h = (TradingSessionStatus) received.get(received.size() - 1);
        assertThat(h.requestId()).isEqualTo("ts1");
        assertThat(h.status()).isEqualTo(TradingStatus.CANCEL_ONLY);
    }

    @Test
    void marketDataLogonsNeedAKnownCompIdAndTheLevel2Ports() {
        assertThat(md.refusal(CLIENT, KrakenEndpoint.SPOT_MARKET_DATA)).isNull();
        assertThat(md.refusal(new SessionID("FIX.4.4", "KRAKEN-MD", "NOBODY"), KrakenEndpoint.SPOT_MARKET_DATA))
                .isEqualTo("Unknown SenderCompID NOBODY");
        assertThat(md.refusal(CLIENT, KrakenEndpoint.SPOT_MARKET_DATA_L3)).isNull();
    }

    // --- Level 3 -------------------------------------------------------------------------------------------

    private static final SessionID CLIENT_L3 = new SessionID("FIX.4.4", "KRAKEN-MD", "ALICE", "L3");

    /** An L3 client: orders by OrderID with side, price, size and 5273; levels ordered by 5273. */
    private static final class L3Book {
        final Map<String, MdEntry> orders = new java.util.HashMap<>();
        int verified;

        void apply(List<MdEntry> entries) {
            for (MdEntry e : entries) {
                if (e.action() == MdUpdateAction.DELETE) {
                    assertThat(orders.remove(e.entryId())).as("deleting an order the client has").isNotNull();
                } else {
                    orders.put(e.entryId(), e);
                }
            }
        }

        /** Levels best first, each level's orders by 5273, as "price:id:size" strings. */
        List<String> side(MdEntryType type) {
            Comparator<MdEntry> byPrice = Comparator.comparing(MdEntry::price);
            if (type == MdEntryType.BID) {
                byPrice = byPrice.reversed();
            }
            return orders.values().stream().filter(e -> e.type() == type)
                    .sorted(byPrice.thenComparingLong(MdEntry::queueTime))
                    .map(e -> e.price().stripTrailingZeros() + ":" + e.entryId() + ":" + e.size().stripTrailingZeros())
                    .toList();
        }

        long crc() {
            StringBuilder sb = new StringBuilder();
            for (MdEntryType t : new MdEntryType[]{MdEntryType.OFFER, MdEntryType.BID}) {
                List<String> top = side(t);
                java.util.Set<String> prices = new java.util.LinkedHashSet<>();
                for (String o : top) {
                    String[] p = o.split(":");
                    prices.add(p[0]);
                    if (prices.size() > 10) {
                        break;
                    }
                    sb.append(ClientBook.digits(Decimal.parse(p[0]), 1))
                            .append(ClientBook.digits(Decimal.parse(p[2]), 8));
                }
            }
            CRC32 crc = new CRC32();
            crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
            return crc.getValue();
        }
    }

    private List<String> venueSide(Side side, int depth) {
        List<String> out = new ArrayList<>();
        for (Decimal[] l : spot.levels("BTC/USD", side, depth)) {
            for (io.fluxfix.venue.engine.Order o : spot.queue("BTC/USD", side, l[0])) {
                out.add(l[0].stripTrailingZeros() + ":" + o.orderId() + ":" + Decimal.of(o.shownQty(), 8).stripTrailingZeros());
            }
        }
        return out;
    }

    @Test
    void aLevel3ClientRebuildsEveryOrderInQueueOrderAndAgreesWithEvery5041() {
        md.loggedOn(CLIENT_L3, Market.SPOT, true);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 30; i++) {
            input(limit(Side.BUY, "0.01", Decimal.of(840_000 - 10 * (i % 15), 1).toString()), i % 2 == 0 ? BOB : ALICE);
            input(limit(Side.SELL, "0.01", Decimal.of(840_100 + 10 * (i % 15), 1).toString()), i % 2 == 0 ? BOB : ALICE);
        }
        int mark = received.size();
        md.onApp(CLIENT_L3, request(MarketDataRequest.l3("l3", 10, List.of("BTC/USD"))), NOW);
        L3Book book = new L3Book();
        book.apply(((MarketDataSnapshot) received.get(mark)).entries());
        assertThat(book.side(MdEntryType.BID)).isEqualTo(venueSide(Side.BUY, 10));
        List<String> resting = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            mark = received.size();
            randomStep(random, resting, 14, 200, 100, true);
            for (Event e : since(mark)) {
                MarketDataIncrement x = (MarketDataIncrement) e;
                if (!x.mdReqId().equals("l3")) {
                    continue;
                }
                book.apply(x.entries());
                assertThat(book.crc()).as("the client's per-order CRC32 at step %d", step).isEqualTo(x.checksum());
                book.verified++;
            }
            assertThat(book.side(MdEntryType.BID)).as("bids, order by order, after step %d", step)
                    .isEqualTo(venueSide(Side.BUY, 10));
            assertThat(book.side(MdEntryType.OFFER)).as("asks, order by order, after step %d", step)
                    .isEqualTo(venueSide(Side.SELL, 10));
        }
        assertThat(book.verified).isGreaterThan(800);
    }

    @Test
    void level3RequestsFollowKrakensRules() {
        md.loggedOn(CLIENT_L3, Market.SPOT, true);
        md.onApp(CLIENT_L3, request(MarketDataRequest.l2("a", 10, List.of("BTC/USD"))), NOW);
        md.onApp(CLIENT_L3, request(new MarketDataRequest("b", SubscriptionType.SNAPSHOT_AND_UPDATES, 10, true, false,
                java.util.EnumSet.allOf(MdEntryType.class), List.of("BTC/USD"))), NOW);
        md.onApp(CLIENT_L3, request(MarketDataRequest.l3("c", 25, List.of("BTC/USD"))), NOW);
        assertThat(received).extracting(e -> ((MarketDataReject) e).reason()).containsExactly(
                MdRejectReason.UNSUPPORTED_AGGREGATED_BOOK, MdRejectReason.TRADES_NOT_AVAILABLE,
                MdRejectReason.UNSUPPORTED_MARKET_DEPTH);
    }
}
