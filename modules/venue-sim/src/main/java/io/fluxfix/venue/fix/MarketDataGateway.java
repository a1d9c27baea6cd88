package io.fluxfix.venue.fix;

import io.fluxfix.kraken.DecodeException;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SecurityType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.command.TradingSessionStatusRequest;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.InstrumentListResult;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdRejectReason;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.event.TradingSessionStatus;
import io.fluxfix.model.kraken.BookChecksum;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.VenueInstrument;
import io.fluxfix.venue.engine.MatchingEngine;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kraken's Level 2 market-data sessions on the venue (fix-dialect.md §2.10, §2.11, §5): MarketDataRequest →
 * snapshot 35=W then incrementals 35=X with 5041, MarketDataRequestReject 35=Y, InstrumentList 35=y and
 * TradingSessionStatus 35=h (announced again when the mode changes).
 *
 * <p>The feed is derived from the book: after every input of a market the {@link TradingGateway} calls
 * {@link #afterInput} under that market's lock with the trades the input made, and each subscription's top
 * levels are compared with what it last sent. So what a subscriber has rebuilt is, after every X, exactly the
 * venue's top levels at its depth, and 5041 is the checksum of the venue's own top ten. All state of a
 * market's subscribers is guarded by that market's lock.
 */
public final class MarketDataGateway {

    /** L2 depths Kraken accepts on 264 (0 = the full book, limited to 1000). */
    static final Set<Integer> L2_DEPTHS = Set.of(0, 1, 10, 25, 100, 500, 1000);
    /** L3 depths (G-L3): 0 = full (1000 levels), 10, 100, 1000. */
    static final Set<Integer> L3_DEPTHS = Set.of(0, 10, 100, 1000);
    /** The session qualifier of Level 3 market-data sessions (their CompIDs are the Level 2 ones). */
    public static final String LEVEL3_QUALIFIER = "L3";
    static final int FULL_DEPTH = 1000;
    /** Symbol subscriptions one session may hold at once. */
    static final int MAX_SUBSCRIPTIONS = 100;

    /** A trade an input made, in the order it happened. */
    public record Trade(String symbol, Decimal price, Decimal qty, Side aggressor, OrdType takerOrdType) {

        /** The trade of a taker's fill. */
        public static Trade of(io.fluxfix.venue.engine.Execution takerFill) {
            io.fluxfix.venue.engine.Order o = takerFill.order();
            return new Trade(o.symbol(), takerFill.lastPxDecimal(), takerFill.lastQtyDecimal(), o.side(), o.ordType());
        }
    }

    private final VenueConfig config;
    private final Map<Market, MatchingEngine> engines;
    private final TradingGateway locks;
    private final TradingDay tradingDay;
    private final KrakenDecoder decoder = new KrakenDecoder();
    private final KrakenEncoder encoder = new KrakenEncoder();
    private final BookChecksum checksum = new BookChecksum();
    private final Map<SessionID, Subscriber> subscribers = new ConcurrentHashMap<>();
    private volatile TradingGateway.Sender sender = (to, m) -> { };
    private long responseIds;

    public MarketDataGateway(VenueConfig config, Map<Market, MatchingEngine> engines, TradingGateway locks,
                             TradingDay tradingDay) {
        this.config = config;
        this.engines = engines;
        this.locks = locks;
        this.tradingDay = tradingDay;
    }

    public void sender(TradingGateway.Sender sender) {
        this.sender = sender;
    }

    /** One market-data session: its market and its subscriptions. */
    private static final class Subscriber {
        final SessionID sessionId;
        final Market market;
        final boolean level3;
        /** MDReqID → one subscription per symbol. */
        final Map<String, List<Subscription>> byReqId = new LinkedHashMap<>();
        String statusReqId;
        /** 320 of an InstrumentListRequest with 263=1: instrument changes are sent to it. */
        String instrumentsReqId;

        Subscriber(SessionID sessionId, Market market, boolean level3) {
            this.sessionId = sessionId;
            this.market = market;
            this.level3 = level3;
        }
    }

    /** What one subscriber was last sent for one symbol: the top levels at its depth, best first. */
    private static final class Subscription {
        final String mdReqId;
        final String symbol;
        final int depth;
        final boolean trades;
        List<Decimal[]> bids = List.of();
        List<Decimal[]> asks = List.of();
        /** L3: the orders last sent, by OrderID. */
        Map<String, L3Order> orders = Map.of();

        Subscription(String mdReqId, String symbol, int depth, boolean trades) {
            this.mdReqId = mdReqId;
            this.symbol = symbol;
            this.depth = depth;
            this.trades = trades;
        }
    }

    /** An order as an L3 subscriber last saw it; {@code joined} is 5273, when it joined its price queue. */
    private record L3Order(Side side, Decimal price, Decimal size, long queueSeq, long joined) {
    }

    /** Per market: OrderID → {queueSeq, time it joined its queue as first seen}, shared by all L3 subscribers. */
    private final Map<Market, Map<String, long[]>> joined = new java.util.EnumMap<>(Market.class);
    private final Map<Market, long[]> lastJoined = new java.util.EnumMap<>(Market.class);

    // --- sessions -----------------------------------------------------------------------------------------

    /**
     * Whether a market-data logon is accepted: Level 2 ports only for now, and a SenderCompID the venue knows
     * for that market (the account's trading CompID, fix-dialect §1.2). Returns the reason, or null.
     */
    public String refusal(SessionID sessionId, KrakenEndpoint endpoint) {
        if (endpoint.isLevel3() && endpoint.market() == Market.SPOT && !config.dialect().spotL3Enabled()) {
            return "Level 3 market data is available for Derivatives only";
        }
        String compId = sessionId.getTargetCompID();
        for (AccountConfig a : config.accounts()) {
            if (endpoint.market() == Market.SPOT ? a.spotCompIds().contains(compId) : compId.equals(a.derivativesCompId())) {
                return null;
            }
        }
        return "Unknown SenderCompID " + compId;
    }

    public void loggedOn(SessionID sessionId, Market market) {
        loggedOn(sessionId, market, false);
    }

    public void loggedOn(SessionID sessionId, Market market, boolean level3) {
        locks.withLock(market, () -> subscribers.put(sessionId, new Subscriber(sessionId, market, level3)));
    }

    /** Subscriptions die with the connection (U-MDR). */
    public void disconnected(SessionID sessionId) {
        Subscriber s = subscribers.get(sessionId);
        if (s != null) {
            locks.withLock(s.market, () -> subscribers.remove(sessionId));
        }
    }

    public boolean isMarketData(SessionID sessionId) {
        return subscribers.containsKey(sessionId);
    }

    // --- requests -----------------------------------------------------------------------------------------

    public void onApp(SessionID sessionId, Message m, long now) {
        Subscriber s = subscribers.get(sessionId);
        if (s == null) {
            return;
        }
        locks.withLock(s.market, () -> {
            handle(s, m, now);
            return null;
        });
    }

    private void handle(Subscriber s, Message m, long now) {
        String type;
        int seq;
        try {
            type = m.getHeader().getString(KrakenTags.MSG_TYPE);
            seq = m.getHeader().getInt(KrakenTags.MSG_SEQ_NUM);
        } catch (FieldNotFound e) {
            return; // QuickFIX/J never delivers such a message
        }
        MessageKind kind = io.fluxfix.kraken.internal.Codes.MESSAGE_KIND.decode(type);
        if (!"Vxg".contains(type)) {
            send(s, new BusinessReject(stamp(now), seq, kind == null ? MessageKind.OTHER : kind, null,
                    BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type"));
            return;
        }
        Command cmd;
        try {
            cmd = decoder.decodeCommand(m);
        } catch (DecodeException e) {
            if (e.reason().answer() == DecodeException.Answer.SESSION_REJECT) {
                send(s, new SessionReject(stamp(now), seq, e.tag(), kind, e.reason().sessionRejectReason(),
                        e.getMessage()));
            } else if (e.reason().answer() == DecodeException.Answer.BUSINESS_REJECT) {
                send(s, new BusinessReject(stamp(now), seq, kind, null,
                        BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING, e.getMessage()));
            }
            return;
        }
        if (cmd instanceof MarketDataRequest r) {
            marketData(s, r, now);
        } else if (cmd instanceof InstrumentListRequest r) {
            instruments(s, r, now);
        } else if (cmd instanceof TradingSessionStatusRequest r) {
            if (s.market == Market.DERIVATIVES && config.dialect().derivativesTradingSessionStatus()
                    == io.fluxfix.kraken.DialectOptions.Availability.UNSUPPORTED) {
                // U-TSSR / U-TSS: Spot only (dialect.derivatives.trading-session-status)
                send(s, new BusinessReject(stamp(now), seq, kind, r.requestId(),
                        BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type"));
                return;
            }
            tradingStatus(s, r, now);
        }
    }

    private void marketData(Subscriber s, MarketDataRequest r, long now) {
        if (r.subscriptionType() == SubscriptionType.UNSUBSCRIBE) {
            if (s.byReqId.remove(r.mdReqId()) == null) {
                // [INF] FIX 4.4's 281 has no "unknown MDReqID"; the text says it.
                reject(s, r.mdReqId(), null, "Unknown MDReqID: " + r.mdReqId(), now);
            }
            return;
        }
        MatchingEngine engine = engines.get(s.market);
        if (r.subscriptionType() != SubscriptionType.SNAPSHOT_AND_UPDATES) {
            reject(s, r.mdReqId(), MdRejectReason.UNSUPPORTED_SUBSCRIPTION_TYPE,
                    "Unsupported SubscriptionRequestType", now);
            return;
        }
        if (s.byReqId.containsKey(r.mdReqId())) {
            reject(s, r.mdReqId(), MdRejectReason.DUPLICATE_MD_REQ_ID, "Duplicate MDReqID", now);
            return;
        }
        int symbols = s.byReqId.values().stream().mapToInt(List::size).sum() + r.symbols().size();
        if (symbols > MAX_SUBSCRIPTIONS) {
            // [INF] a bound on what one session may ask the venue to keep and compute on every input
            reject(s, r.mdReqId(), MdRejectReason.INSUFFICIENT_BANDWIDTH,
                    "Too many subscriptions: at most " + MAX_SUBSCRIPTIONS + " symbols per session", now);
            return;
        }
        for (String symbol : r.symbols()) {
            if (engine.instrument(symbol) == null) {
                reject(s, r.mdReqId(), MdRejectReason.UNKNOWN_SYMBOL, "Unknown symbol: " + symbol, now);
                return;
            }
        }
        if (r.isLevel3() != s.level3) {
            reject(s, r.mdReqId(), s.level3 ? MdRejectReason.UNSUPPORTED_AGGREGATED_BOOK
                            : MdRejectReason.LEVEL3_NOT_AVAILABLE,
                    s.level3 ? "Level 2 is available on the Level 2 ports only"
                            : "Level 3 is available on the Level 3 ports only", now);
            return;
        }
        if (s.level3 && r.entryTypes().contains(MdEntryType.TRADE)) {
            reject(s, r.mdReqId(), MdRejectReason.TRADES_NOT_AVAILABLE, "Trades are not available on Level 3", now);
            return;
        }
        if (!(s.level3 ? L3_DEPTHS : L2_DEPTHS).contains(r.depth())) {
            reject(s, r.mdReqId(), MdRejectReason.UNSUPPORTED_MARKET_DEPTH, "Unsupported market depth: " + r.depth(), now);
            return;
        }
        if (!r.entryTypes().contains(MdEntryType.BID) || !r.entryTypes().contains(MdEntryType.OFFER)) {
            reject(s, r.mdReqId(), MdRejectReason.UNSUPPORTED_ENTRY_TYPE,
                    "Bids and offers are subscribed together (269=0 and 269=1)", now);
            return;
        }
        List<Subscription> subs = new ArrayList<>(r.symbols().size());
        for (String symbol : r.symbols()) {
            Subscription sub = new Subscription(r.mdReqId(), symbol, r.depth() == 0 ? FULL_DEPTH : r.depth(),
                    r.entryTypes().contains(MdEntryType.TRADE));
            if (s.level3) {
                sub.orders = l3Orders(engine, s.market, symbol, sub.depth, now);
                List<MdEntry> entries = new ArrayList<>(sub.orders.size());
                sub.orders.forEach((id, o) -> entries.add(l3(null, id, o, o.size(), now)));
                send(s, new MarketDataSnapshot(stamp(now), r.mdReqId(), symbol, entries));
                subs.add(sub);
                continue;
            }
            sub.bids = engine.levels(symbol, Side.BUY, sub.depth);
            sub.asks = engine.levels(symbol, Side.SELL, sub.depth);
            List<MdEntry> entries = new ArrayList<>(sub.bids.size() + sub.asks.size());
            for (Decimal[] l : sub.asks) {
                entries.add(level(null, MdEntryType.OFFER, l[0], l[1], timeOfDay(now)));
            }
            for (Decimal[] l : sub.bids) {
                entries.add(level(null, MdEntryType.BID, l[0], l[1], timeOfDay(now)));
            }
            send(s, new MarketDataSnapshot(stamp(now), r.mdReqId(), symbol, entries));
            subs.add(sub);
        }
        s.byReqId.put(r.mdReqId(), subs);
    }

    private void reject(Subscriber s, String mdReqId, MdRejectReason reason, String text, long now) {
        send(s, new MarketDataReject(stamp(now), mdReqId, reason, text));
    }

    // --- the feed -----------------------------------------------------------------------------------------

    /**
     * After an input of {@code market} (under its lock): every subscription whose symbol's top levels or
     * trades changed gets one 35=X — trades first, in the order they happened, then levels that left, changed
     * or arrived — with 5041 over the venue's top ten after the update.
     */
    public void afterInput(Market market, List<Trade> trades, long now) {
        MatchingEngine engine = engines.get(market);
        for (Subscriber s : subscribers.values()) {
            if (s.market != market) {
                continue;
            }
            for (List<Subscription> subs : s.byReqId.values()) {
                for (Subscription sub : subs) {
                    publish(s, sub, engine, trades, now);
                }
            }
        }
    }

    private void publish(Subscriber s, Subscription sub, MatchingEngine engine, List<Trade> trades, long now) {
        if (s.level3) {
            publishL3(s, sub, engine, now);
            return;
        }
        List<MdEntry> entries = new ArrayList<>();
        if (sub.trades) {
            for (Trade t : trades) {
                if (t.symbol().equals(sub.symbol)) {
                    entries.add(new MdEntry(MdUpdateAction.NEW, MdEntryType.TRADE, null, t.price(), t.qty(), timeOfDay(now),
                            Stamp.NO_TIME, Stamp.NO_TIME, t.takerOrdType(), t.aggressor()));
                }
            }
        }
        int tradeEntries = entries.size();
        // Twice the depth and a margin: a level that left the top still shows its size if it is in the book.
        List<Decimal[]> bidsDeep = engine.levels(sub.symbol, Side.BUY, sub.depth * 2 + 16);
        List<Decimal[]> asksDeep = engine.levels(sub.symbol, Side.SELL, sub.depth * 2 + 16);
        List<Decimal[]> bids = bidsDeep.subList(0, Math.min(sub.depth, bidsDeep.size()));
        List<Decimal[]> asks = asksDeep.subList(0, Math.min(sub.depth, asksDeep.size()));
        diff(entries, MdEntryType.OFFER, sub.asks, asks, asksDeep, timeOfDay(now));
        diff(entries, MdEntryType.BID, sub.bids, bids, bidsDeep, timeOfDay(now));
        if (entries.isEmpty()) {
            return;
        }
        sub.bids = new ArrayList<>(bids);
        sub.asks = new ArrayList<>(asks);
        boolean bookChanged = entries.size() > tradeEntries;
        long crc = bookChanged ? topTenChecksum(engine, sub.symbol) : MarketDataIncrement.NO_CHECKSUM;
        send(s, new MarketDataIncrement(stamp(now), sub.mdReqId, sub.symbol, entries, crc));
    }

    // --- Level 3 ------------------------------------------------------------------------------------------

    /**
     * The orders of the top {@code depth} levels, asks (best first) then bids, each level in queue order, with
     * the time each joined its queue: the first time the feed saw it there, kept strictly increasing per
     * market so that 5273 orders a level exactly as the engine does.
     */
    private Map<String, L3Order> l3Orders(MatchingEngine engine, Market market, String symbol, int depth, long now) {
        Map<String, long[]> seen = joined.computeIfAbsent(market, m -> new java.util.HashMap<>());
        long[] last = lastJoined.computeIfAbsent(market, m -> new long[1]);
        Map<String, L3Order> out = new LinkedHashMap<>();
        for (Side side : new Side[]{Side.SELL, Side.BUY}) {
            for (Decimal[] level : engine.levels(symbol, side, depth)) {
                for (io.fluxfix.venue.engine.Order o : engine.queue(symbol, side, level[0])) {
                    long[] j = seen.get(o.orderId());
                    if (j == null || j[0] != o.queueSeq()) {
                        last[0] = Math.max(now, last[0] + 1);
                        j = new long[]{o.queueSeq(), last[0]};
                        seen.put(o.orderId(), j);
                    }
                    VenueInstrumentPrecision p = precision(engine, symbol);
                    out.put(o.orderId(), new L3Order(side, level[0], Decimal.of(o.shownQty(), p.qty).stripTrailingZeros(),
                            o.queueSeq(), j[1]));
                }
            }
        }
        return out;
    }

    private record VenueInstrumentPrecision(int price, int qty) {
    }

    private static VenueInstrumentPrecision precision(MatchingEngine engine, String symbol) {
        VenueInstrument i = engine.instrument(symbol);
        return new VenueInstrumentPrecision(i.pricePrecision(), i.qtyPrecision());
    }

    private static MdEntry l3(MdUpdateAction action, String orderId, L3Order o, Decimal size, long now) {
        return new MdEntry(action, o.side() == Side.BUY ? MdEntryType.BID : MdEntryType.OFFER, orderId, o.price(), size,
                Math.floorMod(now, NANOS_PER_DAY) / 1_000 * 1_000, now, o.joined(), null, null);
    }

    /** Orders that left (271 = 0, or what still rests beyond the depth), changed (279=1), re-queued or new. */
    private void publishL3(Subscriber s, Subscription sub, MatchingEngine engine, long now) {
        Map<String, L3Order> current = l3Orders(engine, s.market, sub.symbol, sub.depth, now);
        List<MdEntry> entries = new ArrayList<>();
        List<MdEntry> news = new ArrayList<>();
        for (Map.Entry<String, L3Order> e : sub.orders.entrySet()) {
            L3Order now1 = current.get(e.getKey());
            if (now1 == null || now1.queueSeq() != e.getValue().queueSeq() || !now1.price().equals(e.getValue().price())) {
                io.fluxfix.venue.engine.Order o = engine.order(e.getKey());
                boolean stillResting = now1 == null && o != null && o.isResting();
                Decimal left = stillResting ? Decimal.of(o.shownQty(), precision(engine, sub.symbol).qty()).stripTrailingZeros()
                        : Decimal.ZERO;
                entries.add(l3(MdUpdateAction.DELETE, e.getKey(), e.getValue(), left, now));
            }
        }
        for (Map.Entry<String, L3Order> e : current.entrySet()) {
            L3Order was = sub.orders.get(e.getKey());
            if (was == null || was.queueSeq() != e.getValue().queueSeq() || !was.price().equals(e.getValue().price())) {
                news.add(l3(MdUpdateAction.NEW, e.getKey(), e.getValue(), e.getValue().size(), now));
            } else if (!was.size().equals(e.getValue().size())) {
                entries.add(l3(MdUpdateAction.CHANGE, e.getKey(), e.getValue(), e.getValue().size(), now));
            }
        }
        entries.addAll(news);
        joined.get(s.market).keySet().removeIf(id -> {
            io.fluxfix.venue.engine.Order o = engine.order(id);
            return o == null || !o.isResting();
        });
        if (entries.isEmpty()) {
            return;
        }
        sub.orders = current;
        send(s, new MarketDataIncrement(stamp(now), sub.mdReqId, sub.symbol, entries, l3Checksum(engine, sub.symbol)));
    }

    /** 5041 on L3 (dialect.market-data.l3-checksum): every order of the top ten levels, or the levels as on L2. */
    private long l3Checksum(MatchingEngine engine, String symbol) {
        if (config.dialect().l3Checksum() == io.fluxfix.kraken.DialectOptions.L3Checksum.PER_LEVEL) {
            return topTenChecksum(engine, symbol);
        }
        VenueInstrument i = engine.instrument(symbol);
        checksum.reset();
        for (Side side : new Side[]{Side.SELL, Side.BUY}) {
            for (Decimal[] l : engine.levels(symbol, side, BookChecksum.LEVELS)) {
                long px = l[0].unscaledAt(i.pricePrecision());
                for (io.fluxfix.venue.engine.Order o : engine.queue(symbol, side, l[0])) {
                    checksum.add(px, o.shownQty());
                }
            }
        }
        return checksum.value();
    }

    /** Deletes (271 = what is still in the book beyond the depth, or 0), then updates, then new levels. */
    private static void diff(List<MdEntry> out, MdEntryType type, List<Decimal[]> before, List<Decimal[]> now,
                             List<Decimal[]> deep, long time) {
        Map<Decimal, Decimal> after = new LinkedHashMap<>();
        for (Decimal[] l : now) {
            after.put(l[0], l[1]);
        }
        Map<Decimal, Decimal> previous = new LinkedHashMap<>();
        for (Decimal[] l : before) {
            previous.put(l[0], l[1]);
        }
        for (Decimal[] l : before) {
            if (!after.containsKey(l[0])) {
                Decimal left = Decimal.ZERO;
                for (Decimal[] d : deep) {
                    if (d[0].equals(l[0])) {
                        left = d[1];
                        break;
                    }
                }
                out.add(new MdEntry(MdUpdateAction.DELETE, type, id(type, l[0]), l[0], left, time, Stamp.NO_TIME,
                        Stamp.NO_TIME, null, null));
            }
        }
        for (Decimal[] l : now) {
            Decimal was = previous.get(l[0]);
            if (was != null && !was.equals(l[1])) {
                out.add(new MdEntry(MdUpdateAction.CHANGE, type, id(type, l[0]), l[0], l[1], time, Stamp.NO_TIME,
                        Stamp.NO_TIME, null, null));
            }
        }
        for (Decimal[] l : now) {
            if (!previous.containsKey(l[0])) {
                out.add(level(MdUpdateAction.NEW, type, l[0], l[1], time));
            }
        }
    }

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** 273 on L2: the UTC time of day, to the millisecond as in Kraken's examples (HH:MM:SS.sss). */
    static long timeOfDay(long epochNanos) {
        long nod = Math.floorMod(epochNanos, NANOS_PER_DAY);
        return nod - nod % 1_000_000;
    }

    private static MdEntry level(MdUpdateAction action, MdEntryType type, Decimal price, Decimal size, long time) {
        return new MdEntry(action, type, id(type, price), price, size, time, Stamp.NO_TIME, Stamp.NO_TIME, null, null);
    }

    /** L2 entry ids: {@code B<price>} for bids, {@code O<price>} for offers, the price at its precision (§5.3). */
    private static String id(MdEntryType type, Decimal price) {
        return (type == MdEntryType.BID ? "B" : "O") + price;
    }

    /** Kraken's CRC32 of the top ten asks then bids at the instrument's precisions (§5.5). */
    private long topTenChecksum(MatchingEngine engine, String symbol) {
        VenueInstrument i = engine.instrument(symbol);
        checksum.reset();
        for (Decimal[] l : engine.levels(symbol, Side.SELL, BookChecksum.LEVELS)) {
            checksum.add(l[0].unscaledAt(i.pricePrecision()), l[1].unscaledAt(i.qtyPrecision()));
        }
        for (Decimal[] l : engine.levels(symbol, Side.BUY, BookChecksum.LEVELS)) {
            checksum.add(l[0].unscaledAt(i.pricePrecision()), l[1].unscaledAt(i.qtyPrecision()));
        }
        return checksum.value();
    }

    // --- instruments and trading status -----------------------------------------------------------------

    private void instruments(Subscriber s, InstrumentListRequest r, long now) {
        if (r.subscriptionType() == SubscriptionType.UNSUBSCRIBE) {
            s.instrumentsReqId = null;
            return;
        }
        if (r.subscriptionType() == SubscriptionType.SNAPSHOT_AND_UPDATES) {
            s.instrumentsReqId = r.requestId();
        }
        MatchingEngine engine = engines.get(s.market);
        List<io.fluxfix.model.Instrument> out = new ArrayList<>();
        for (String symbol : engine.symbols()) {
            VenueInstrument i = engine.instrument(symbol);
            boolean wanted = switch (r.type()) {
                case SINGLE_SYMBOL -> symbol.equals(r.symbol());
                case BY_SECURITY_TYPE -> r.securityType() == (s.market == Market.SPOT ? SecurityType.SPOT : SecurityType.FUTURE);
                case ALL -> true;
            };
            if (wanted) {
                out.add(i.instrument());
            }
        }
        InstrumentListResult result = out.isEmpty() ? InstrumentListResult.NO_MATCH : InstrumentListResult.VALID;
        send(s, new InstrumentList(stamp(now), r.requestId(), Long.toString(++responseIds), result,
                out.isEmpty() ? "No instrument matches" : null, out, out.size(), null));
    }

    private void tradingStatus(Subscriber s, TradingSessionStatusRequest r, long now) {
        if (r.subscriptionType() == SubscriptionType.SNAPSHOT_AND_UPDATES) {
            s.statusReqId = r.requestId();
        } else if (r.subscriptionType() == SubscriptionType.UNSUBSCRIBE) {
            s.statusReqId = null;
            return;
        }
        send(s, new TradingSessionStatus(stamp(now), r.requestId(), SESSION_ID, engines.get(s.market).tradingStatus(),
                null, null));
    }

    /** Kraken's examples name the one trading session {@code SESSION} (336). */
    static final String SESSION_ID = "SESSION";

    /** An instrument's status (5032) changed: 35=y with it to every session that asked for updates (263=1). */
    public void instrumentChanged(String symbol, long now) {
        Market market = Market.ofSymbol(symbol);
        io.fluxfix.model.Instrument i = engines.get(market).instrument(symbol).instrument();
        for (Subscriber s : subscribers.values()) {
            if (s.market == market && s.instrumentsReqId != null) {
                send(s, new InstrumentList(stamp(now), s.instrumentsReqId, Long.toString(++responseIds),
                        InstrumentListResult.VALID, null, List.of(i), 1, null));
            }
        }
    }

    /** The venue-wide mode changed: 35=h to every session that subscribed with 263=1. */
    public void tradingStatusChanged(TradingStatus status, long now) {
        for (Subscriber s : subscribers.values()) {
            if (s.statusReqId != null) {
                send(s, new TradingSessionStatus(stamp(now), s.statusReqId, SESSION_ID, status, null, null));
            }
        }
    }

    private void send(Subscriber s, Event e) {
        sender.send(s.sessionId, encoder.encode(e));
    }

    private Stamp stamp(long now) {
        return new Stamp(now, tradingDay.dayOf(now), 0);
    }
}
