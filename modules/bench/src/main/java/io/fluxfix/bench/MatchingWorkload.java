package io.fluxfix.bench;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.Execution;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.Order;
import io.fluxfix.venue.engine.OrderOrigin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, pre-built stream of requests for one Spot BTC/USD book, shaped like a real book's flow: passive
 * limit orders near the touch, cancels of live resting orders, and aggressive orders that take one or more
 * resting orders. {@link MatchingBenchmark} replays it; {@code MatchingBenchmarkTest} checks that it does what
 * it says.
 *
 * <p>The stream is made by driving a reference engine while generating, so every cancel names an order that is
 * resting at that point and every aggressive order is sized and priced against the book as it stands. The
 * engine is deterministic (same requests and times, same ids and reports), so a replay on a fresh
 * {@link #newEngine() engine} meets exactly the same book.
 *
 * <p>The stream has two parts: a {@link #prefixLength() prefix} of passive orders that builds the book up to
 * {@link #RESTING_TARGET} orders (replayed before measuring, not measured) and a {@link #BODY_OPS}-long body
 * with the mix below (measured).
 */
public final class MatchingWorkload {

    /** Share of the body that are passive limit orders (GTC, priced away from the opposite touch). */
    public static final int ADD_PERCENT = 55;
    /** Share of the body that cancel a live resting order (by ClOrdID, from the session that placed it). */
    public static final int CANCEL_PERCENT = 30;
    /** Share of the body that are aggressive: they take {@link #MIN_TAKEN}..{@link #MAX_TAKEN} resting orders. */
    public static final int AGGRESSIVE_PERCENT = 15;
    /**
     * Share of the aggressive orders that are market orders (sized to take the same resting orders); the rest are
     * IOC limits priced at the last resting order they take.
     */
    public static final int MARKET_PERCENT_OF_AGGRESSIVE = 20;

    /** Resting orders the book is held around (exchange-core's benchmark keeps ~1,000). */
    public static final int RESTING_TARGET = 1_000;
    /** Fewest and most resting orders one aggressive order takes (the last one often only in part). */
    public static final int MIN_TAKEN = 1;
    public static final int MAX_TAKEN = 3;
    /** Measured requests in one replay. The engine keeps every order of the day, so a replay is one "day". */
    public static final int BODY_OPS = 100_000;
    /** Trading accounts, one CompID and one session each; takers never meet their own orders. */
    public static final int ACCOUNTS = 16;
    public static final long DEFAULT_SEED = 20_261_122L;

    public static final String SYMBOL = "BTC/USD";
    /** 84,000.0 USD at the instrument's price precision (1 decimal); the tick is 1 at that precision. */
    static final long MID_PRICE = 840_000;
    static final int PRICE_SCALE = 1;
    /** Quantities are whole lots of 0.001 BTC. */
    static final int QTY_SCALE = 3;
    /**
     * Mean distance of a passive order from the opposite touch, in ticks (exponential, at least one tick): 25 USD,
     * which spreads ~1,000 resting orders over ~700 price levels, close to exchange-core's ~750.
     */
    static final double MEAN_DISTANCE_TICKS = 250;
    static final int MAX_DISTANCE_TICKS = 5000;
    /** Mean size of a passive order, in lots (exponential, at least one lot). */
    static final double MEAN_LOTS = 5;
    static final int MAX_LOTS = 100;
    /** 2026-04-07 14:32:05 UTC, within one Kraken trading day for any replay; one request per microsecond. */
    static final long START_NANOS = 1_775_572_325_000_000_000L;
    static final long NANOS_PER_REQUEST = 1_000;
    /** Numeric ClOrdIDs (epoch microseconds, as Kraken's examples), increasing and unique across the stream. */
    static final long FIRST_CLORDID = 1_775_572_325_000_000L;

    /** What one request is. */
    public enum Kind { ADD, CANCEL, AGGRESSIVE_LIMIT, AGGRESSIVE_MARKET }

    private final VenueConfig config;
    private final OrderOrigin[] origins;
    private final Kind[] kinds;
    private final NewOrder[] newOrders;
    private final CancelOrder[] cancels;
    private final OrderOrigin[] from;
    private final long[] times;
    private final int prefix;

    private MatchingWorkload(VenueConfig config, OrderOrigin[] origins, List<Request> requests, int prefix) {
        this.config = config;
        this.origins = origins;
        this.prefix = prefix;
        int n = requests.size();
        kinds = new Kind[n];
        newOrders = new NewOrder[n];
        cancels = new CancelOrder[n];
        from = new OrderOrigin[n];
        times = new long[n];
        for (int i = 0; i < n; i++) {
            Request r = requests.get(i);
            kinds[i] = r.kind;
            newOrders[i] = r.order;
            cancels[i] = r.cancel;
            from[i] = r.origin;
            times[i] = r.now;
        }
    }

    /** The stream for {@code seed}: the book-building prefix, then {@link #BODY_OPS} requests with the mix. */
    public static MatchingWorkload generate(long seed) {
        return new Generator(seed).run();
    }

    /** A fresh engine, as the venue starts the trading day. */
    public MatchingEngine newEngine() {
        return new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
    }

    /**
     * Sends requests {@code [fromIndex, toIndex)} to {@code engine}.
     *
     * @return how many were refused (zero for a replay from the start on a fresh engine)
     */
    public int replay(MatchingEngine engine, int fromIndex, int toIndex, MatchingEngine.Output out) {
        int refused = 0;
        for (int i = fromIndex; i < toIndex; i++) {
            if (apply(engine, i, out) != null) {
                refused++;
            }
        }
        return refused;
    }

    /** Sends request {@code i}; returns the engine's refusal, or null. */
    public MatchingEngine.Rejection apply(MatchingEngine engine, int i, MatchingEngine.Output out) {
        return kinds[i] == Kind.CANCEL
                ? engine.cancel(cancels[i], from[i], times[i], out)
                : engine.submit(newOrders[i], from[i], false, times[i], out);
    }

    public int prefixLength() {
        return prefix;
    }

    public int length() {
        return kinds.length;
    }

    public Kind kind(int i) {
        return kinds[i];
    }

    public List<OrderOrigin> origins() {
        return List.of(origins);
    }

    // --- generation -----------------------------------------------------------------------------------------

    private record Request(Kind kind, NewOrder order, CancelOrder cancel, OrderOrigin origin, long now) {
    }

    /** A resting order as the generator tracks it: enough to cancel it. */
    private record Live(String orderId, String clOrdId, OrderOrigin origin, Side side) {
    }

    private static final class Generator {

        private final SplittableRandom random;
        private final VenueConfig config;
        private final OrderOrigin[] origins = new OrderOrigin[ACCOUNTS];
        private final MatchingEngine engine;
        private final List<Request> requests = new ArrayList<>();
        /** Resting orders, for a uniform pick in O(1); {@code index} keeps swap-removal O(1). */
        private final List<Live> live = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private long nextClOrdId = FIRST_CLORDID;
        private long now = START_NANOS;

        Generator(long seed) {
            random = new SplittableRandom(seed);
            config = config();
            for (int a = 0; a < ACCOUNTS; a++) {
                origins[a] = new OrderOrigin(account(a), compId(a), 1);
            }
            engine = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
        }

        MatchingWorkload run() {
            while (live.size() < RESTING_TARGET) {
                add(live.size() % 2 == 0 ? Side.BUY : Side.SELL);
            }
            int prefix = requests.size();
            for (int i = 0; i < BODY_OPS; i++) {
                int roll = random.nextInt(100);
                if (roll < ADD_PERCENT || live.isEmpty()) {
                    add(random.nextBoolean() ? Side.BUY : Side.SELL);
                } else if (roll < ADD_PERCENT + CANCEL_PERCENT) {
                    cancel();
                } else if (!aggress()) {
                    add(random.nextBoolean() ? Side.BUY : Side.SELL);
                }
            }
            return new MatchingWorkload(config, origins, requests, prefix);
        }

        private void add(Side side) {
            Long bestBid = best(Side.BUY);
            Long bestAsk = best(Side.SELL);
            int distance = 1 + (int) Math.min(MAX_DISTANCE_TICKS - 1, exponential(MEAN_DISTANCE_TICKS));
            long price;
            if (side == Side.BUY) {
                long ref = bestAsk != null ? bestAsk : bestBid != null ? bestBid + 1 : MID_PRICE;
                price = ref - distance;
            } else {
                long ref = bestBid != null ? bestBid : bestAsk != null ? bestAsk - 1 : MID_PRICE;
                price = ref + distance;
            }
            long lots = 1 + (long) Math.min(MAX_LOTS - 1, exponential(MEAN_LOTS));
            OrderOrigin who = origins[random.nextInt(ACCOUNTS)];
            NewOrder o = NewOrder.limit(nextClOrdId(), SYMBOL, side, Decimal.of(lots, QTY_SCALE),
                    Decimal.of(price, PRICE_SCALE), TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, now);
            send(new Request(Kind.ADD, o, null, who, now));
        }

        private void cancel() {
            Live l = live.get(random.nextInt(live.size()));
            CancelOrder c = new CancelOrder(nextClOrdId(), l.clOrdId, null, SYMBOL, l.side, now);
            send(new Request(Kind.CANCEL, null, c, l.origin, now));
        }

        /**
         * Takes the first {@code n} resting orders of one side in priority order: all of the first n-1 and, half
         * the time, half of the n-th. More orders are taken while the book is above its target, fewer below, so
         * the book stays near {@link #RESTING_TARGET}.
         *
         * @return false if that side is empty
         */
        private boolean aggress() {
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            Side makers = side.opposite();
            if (best(makers) == null) {
                side = makers;
                makers = side.opposite();
            }
            // Below the target: MIN_TAKEN or one more; above it: MAX_TAKEN or one fewer.
            int n = live.size() > RESTING_TARGET ? MAX_TAKEN - random.nextInt(2) : MIN_TAKEN + random.nextInt(2);
            List<Order> taken = firstInPriority(makers, n);
            if (taken.isEmpty()) {
                return false;
            }
            long qty = 0;
            for (int i = 0; i < taken.size() - 1; i++) {
                qty += taken.get(i).leaves();
            }
            Order last = taken.get(taken.size() - 1);
            long lastLots = last.leaves() / lotAtQtyPrecision();
            qty += lastLots >= 2 && random.nextBoolean() ? lastLots / 2 * lotAtQtyPrecision() : last.leaves();
            OrderOrigin who = takerNotAmong(taken);
            long lots = qty / lotAtQtyPrecision();
            boolean market = random.nextInt(100) < MARKET_PERCENT_OF_AGGRESSIVE;
            NewOrder o = market
                    ? NewOrder.market(nextClOrdId(), SYMBOL, side, Decimal.of(lots, QTY_SCALE), ExecInstructions.NONE, now)
                    : NewOrder.limit(nextClOrdId(), SYMBOL, side, Decimal.of(lots, QTY_SCALE),
                    Decimal.of(last.price(), PRICE_SCALE), TimeInForce.IMMEDIATE_OR_CANCEL, ExecInstructions.NONE, now);
            send(new Request(market ? Kind.AGGRESSIVE_MARKET : Kind.AGGRESSIVE_LIMIT, o, null, who, now));
            return true;
        }

        private List<Order> firstInPriority(Side side, int n) {
            List<Order> out = new ArrayList<>(n);
            for (Decimal[] level : engine.levels(SYMBOL, side, n)) {
                for (Order o : engine.queue(SYMBOL, side, level[0])) {
                    out.add(o);
                    if (out.size() == n) {
                        return out;
                    }
                }
            }
            return out;
        }

        /** A taker whose account owns none of the orders it takes (else self-trade prevention would cancel it). */
        private OrderOrigin takerNotAmong(List<Order> taken) {
            while (true) {
                OrderOrigin who = origins[random.nextInt(ACCOUNTS)];
                boolean clash = false;
                for (Order o : taken) {
                    clash |= o.origin().account().equals(who.account());
                }
                if (!clash) {
                    return who;
                }
            }
        }

        /** Sends the request to the reference engine, tracks what rests, and records it for replay. */
        private void send(Request r) {
            MatchingEngine.Output out = (compId, e) -> track(e, r.origin);
            MatchingEngine.Rejection refused = r.kind == Kind.CANCEL
                    ? engine.cancel(r.cancel, r.origin, r.now, out)
                    : engine.submit(r.order, r.origin, false, r.now, out);
            if (refused != null) {
                throw new IllegalStateException("the generator's own request was refused: " + refused + " " + r);
            }
            requests.add(r);
            now += NANOS_PER_REQUEST;
        }

        private void track(Execution e, OrderOrigin origin) {
            if (e.execType() == ExecType.NEW) {
                // Reports of an aggressive order come in one call; it is dropped again by its last fill or cancel.
                remember(new Live(e.order().orderId(), e.clOrdId(), origin, e.order().side()));
            } else if (e.ordStatus() == OrdStatus.FILLED || e.ordStatus() == OrdStatus.CANCELED) {
                forget(e.order().orderId());
            }
        }

        private void remember(Live l) {
            index.put(l.orderId, live.size());
            live.add(l);
        }

        private void forget(String orderId) {
            Integer i = index.remove(orderId);
            if (i == null) {
                return;
            }
            Live moved = live.remove(live.size() - 1);
            if (i < live.size()) {
                live.set(i, moved);
                index.put(moved.orderId, i);
            }
        }

        private Long best(Side side) {
            List<Decimal[]> top = engine.levels(SYMBOL, side, 1);
            return top.isEmpty() ? null : top.get(0)[0].unscaledAt(PRICE_SCALE);
        }

        private double exponential(double mean) {
            return -mean * Math.log(1 - random.nextDouble());
        }

        private String nextClOrdId() {
            return Long.toString(nextClOrdId++);
        }

        private long lotAtQtyPrecision() {
            return Decimal.pow10(QTY_PRECISION - QTY_SCALE);
        }
    }

    // --- the venue -------------------------------------------------------------------------------------------

    /** Kraken's BTC/USD: 0.1 USD tick, 8 quantity decimals. */
    static final int QTY_PRECISION = 8;

    static String account(int a) {
        return String.format("acct%02d", a);
    }

    static String compId(int a) {
        return String.format("TRADER%02d", a);
    }

    /**
     * Kraken's Spot BTC/USD and fees, and {@link #ACCOUNTS} accounts whose balances no order of a replay can
     * exhaust. Not larger: the ledger's amounts are long mantissas at up to 9 decimals (USD) here, so a balance
     * of 10^9 USD is about a tenth of what fits.
     */
    static VenueConfig config() {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("assets.BTC.decimals", "10"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", Integer.toString(QTY_PRECISION)),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
                Map.entry("instruments.BTC/USD.cost-min", "0.5"),
                Map.entry("venue.fees.spot.maker", "0.0016"),
                Map.entry("venue.fees.spot.taker", "0.0026"),
                Map.entry("venue.persistence", "false"),
                Map.entry("venue.tls", "false")));
        for (int a = 0; a < ACCOUNTS; a++) {
            String p = "accounts." + account(a) + ".";
            m.put(p + "spot-comp-id", compId(a));
            m.put(p + "api-key", "bench-key-" + a);
            m.put(p + "api-secret", "c2VjcmV0");
            m.put(p + "balances.USD", "1000000000");
            m.put(p + "balances.BTC", "10000");
        }
        return VenueConfig.read(ConfigSource.of("MatchingWorkload", m));
    }
}
