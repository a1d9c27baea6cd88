package io.fluxfix.venue.market;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.VenueInstrument;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The venue's own background market on one engine: seeded makers that keep every instrument with a reference
 * price quoted (a spread, at least a dozen levels a side, many minimum orders within 1% of the touch), and
 * takers that trade at the touch and now and then sweep several levels. Its orders are ordinary orders of two
 * configured accounts, so client orders meet them like anyone's and they show in market data.
 *
 * <p>Deterministic: what {@link #step} does depends only on the seed, the engine's state and the times it is
 * called at — the venue journals those times, so a restart replays the same market.
 */
public final class SyntheticMarket implements BackgroundMarket {

    private static final long SECOND = 1_000_000_000L;
    /** Maker levels kept on each side. */
    static final int LEVELS = 12;
    /** Resting maker orders per instrument above which the makers cancel instead of adding. */
    static final int MAX_OWN_ORDERS = 90;

    private final MatchingEngine engine;
    private final int actionsPerSecond;
    private final OrderOrigin maker;
    private final OrderOrigin taker;
    private final boolean derivatives;
    private final Map<String, Book> books = new LinkedHashMap<>();
    private long nextId = 1;

    /** One instrument's background state. */
    private static final class Book {
        final VenueInstrument instrument;
        final SplittableRandom random;
        final long tick;
        long mid;
        long last = Stamp.NO_TIME;
        long budget;
        final List<String> own = new ArrayList<>();

        Book(VenueInstrument instrument, long seed) {
            this.instrument = instrument;
            this.random = new SplittableRandom(seed ^ instrument.symbol().hashCode() * 0x9E3779B97F4A7C15L);
            this.tick = instrument.instrument().tickSize().unscaledAt(instrument.pricePrecision());
            this.mid = instrument.referencePrice().unscaledAt(instrument.pricePrecision());
        }
    }

    public SyntheticMarket(VenueConfig config, Market market, MatchingEngine engine) {
        this.engine = engine;
        this.actionsPerSecond = config.background().actionsPerSecond();
        this.derivatives = market == Market.DERIVATIVES;
        this.maker = origin(config, config.background().makerAccount(), market);
        this.taker = origin(config, config.background().takerAccount(), market);
        for (String symbol : engine.symbols()) {
            VenueInstrument i = engine.instrument(symbol);
            if (i.referencePrice() != null && !config.background().replays(symbol)) {
                books.put(symbol, new Book(i, config.background().seed()));
            }
        }
    }

    private static OrderOrigin origin(VenueConfig config, String account, Market market) {
        AccountConfig a = config.accounts().stream().filter(x -> x.name().equals(account)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no account " + account));
        String compId = market == Market.SPOT || a.derivativesCompId() == null ? a.spotCompId() : a.derivativesCompId();
        return new OrderOrigin(a.name(), compId, 0);
    }

    /** Whether it has any instrument to move. */
    @Override
    public boolean isActive() {
        return !books.isEmpty();
    }

    /** The CompIDs its orders carry: their reports are the venue's own business, not a session's. */
    @Override
    public boolean isOwn(String compId) {
        return compId.equals(maker.compId()) || compId.equals(taker.compId());
    }

    /** Whether a step at {@code now} would do anything (so the venue journals only steps that act). */
    @Override
    public boolean due(long now) {
        for (Book b : books.values()) {
            if (b.last == Stamp.NO_TIME || b.budget + (now - b.last) * actionsPerSecond >= SECOND) {
                return true;
            }
        }
        return false;
    }

    /** The background market's actions for the time since the last step, instrument by instrument. */
    @Override
    public void step(long now, MatchingEngine.Output out) {
        for (Book b : books.values()) {
            int actions;
            if (b.last == Stamp.NO_TIME) {
                actions = 0; // the first step only quotes
            } else {
                b.budget += Math.max(0, now - b.last) * actionsPerSecond;
                actions = (int) Math.min(b.budget / SECOND, 10L * actionsPerSecond);
                b.budget -= actions * SECOND;
            }
            b.last = now;
            for (int i = 0; i < actions; i++) {
                act(b, now, out);
            }
            quote(b, now, out); // whatever the actions took, a dozen levels a side again
        }
        engine.forgetClosed(maker.account());
        engine.forgetClosed(taker.account());
    }

    /** Keeps {@link #LEVELS} maker levels on each side: the missing ones one price unit apart from the mid out. */
    private void quote(Book b, long now, MatchingEngine.Output out) {
        for (Side side : Side.values()) {
            List<Decimal[]> levels = engine.levels(b.instrument.symbol(), side, LEVELS);
            java.util.Set<Long> prices = new java.util.HashSet<>();
            for (Decimal[] l : levels) {
                prices.add(l[0].unscaledAt(b.instrument.pricePrecision()));
            }
            for (int k = 1; prices.size() < LEVELS && k <= 4 * LEVELS; k++) {
                long px = price(b, side, k);
                if (px > 0 && prices.add(px)) {
                    place(b, side, px, now, out);
                }
            }
        }
    }

    private void act(Book b, long now, MatchingEngine.Output out) {
        int r = b.random.nextInt(100);
        if (b.random.nextInt(100) < 30) {
            b.mid = Math.max(b.tick, b.mid + unit(b) * (b.random.nextInt(5) - 2));
        }
        Side side = b.random.nextBoolean() ? Side.BUY : Side.SELL;
        if (r < 45 && b.own.size() < MAX_OWN_ORDERS) {
            make(b, side, now, out);
        } else if (r < 75 && !b.own.isEmpty()) {
            String orderId = b.own.remove(b.random.nextInt(b.own.size()));
            engine.cancel(new CancelOrder(nextId(), null, orderId, b.instrument.symbol(), side, now), maker, now, out);
        } else if (r < 95) {
            take(b, side, 1 + b.random.nextInt(5), false, now, out);
        } else {
            take(b, side, 20 + b.random.nextInt(40), true, now, out);
        }
        b.own.removeIf(orderId -> {
            io.fluxfix.venue.engine.Order o = engine.order(orderId);
            return o == null || !o.isOpen();
        });
    }

    /** A maker order a few price units from the mid, never crossing the other side. */
    private void make(Book b, Side side, long now, MatchingEngine.Output out) {
        long px = price(b, side, 1 + geometric(b.random, 0.3, 30));
        if (px > 0) {
            place(b, side, px, now, out);
        }
    }

    /** {@code away} price units from the mid on {@code side}, on the tick grid, not crossing the other side. */
    private long price(Book b, Side side, int away) {
        long unit = unit(b);
        long px = side == Side.BUY ? b.mid - away * unit : b.mid + away * unit;
        Decimal[] opposite = best(b, side.opposite());
        if (opposite != null) {
            long other = opposite[0].unscaledAt(b.instrument.pricePrecision());
            px = side == Side.BUY ? Math.min(px, other - b.tick) : Math.max(px, other + b.tick);
        }
        return px / b.tick * b.tick;
    }

    private void place(Book b, Side side, long px, long now, MatchingEngine.Output out) {
        int lots = b.random.nextInt(100) < 5 ? 50 + b.random.nextInt(100) : 1 + b.random.nextInt(30);
        NewOrder o = order(b, side, lots, px, TimeInForce.GOOD_TILL_CANCEL, now);
        String[] orderId = new String[1];
        engine.submit(o, maker, false, now, (compId, er) -> {
            if (orderId[0] == null && compId.equals(maker.compId()) && o.clOrdId().equals(er.clOrdId())) {
                orderId[0] = er.order().orderId();
            }
            out.report(compId, er);
        });
        if (orderId[0] != null) {
            b.own.add(orderId[0]);
        }
    }

    /** A taker at the touch (IOC limit at the best price), or a sweep through several price units. */
    private void take(Book b, Side side, int lots, boolean sweep, long now, MatchingEngine.Output out) {
        Decimal[] best = best(b, side.opposite());
        if (best == null) {
            return;
        }
        long px = best[0].unscaledAt(b.instrument.pricePrecision());
        if (sweep) {
            px = side == Side.BUY ? px + 6 * unit(b) : Math.max(b.tick, px - 6 * unit(b));
        }
        engine.submit(order(b, side, lots, px, TimeInForce.IMMEDIATE_OR_CANCEL, now), taker, false, now, out);
        b.mid = (b.mid + px) / 2 / b.tick * b.tick; // the market follows its trades
    }

    private NewOrder order(Book b, Side side, int lots, long px, TimeInForce tif, long now) {
        VenueInstrument i = b.instrument;
        Decimal qty = Decimal.of(Math.multiplyExact(i.instrument().qtyMin().unscaledAt(i.qtyPrecision()), lots),
                i.qtyPrecision());
        ExecInstructions inst = derivatives ? ExecInstructions.of(ExecInstruction.SINGLE_FEE) : ExecInstructions.NONE;
        return NewOrder.limit(nextId(), i.symbol(), side, qty, Decimal.of(px, i.pricePrecision()), tif, inst, now);
    }

    /** One price step of the background: about two basis points of the mid, at least a tick. */
    private static long unit(Book b) {
        return Math.max(b.tick, b.mid / 5_000 / b.tick * b.tick);
    }

    private Decimal[] best(Book b, Side side) {
        List<Decimal[]> l = engine.levels(b.instrument.symbol(), side, 1);
        return l.isEmpty() ? null : l.get(0);
    }

    private static int geometric(SplittableRandom r, double p, int max) {
        int k = 0;
        while (k < max && r.nextDouble() > p) {
            k++;
        }
        return k;
    }

    private String nextId() {
        return Long.toString(nextId++);
    }
}
