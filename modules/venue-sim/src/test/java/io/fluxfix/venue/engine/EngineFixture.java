package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small venue configuration and helpers to drive one engine directly, without FIX. */
final class EngineFixture {

    static final OrderOrigin ALICE = new OrderOrigin("alice", "ALICE", 1);
    static final OrderOrigin ALICE_LATER = new OrderOrigin("alice", "ALICE", 2);
    static final OrderOrigin BOB = new OrderOrigin("bob", "BOB", 1);
    static final OrderOrigin CAROL = new OrderOrigin("carol", "CAROL", 1);
    static final OrderOrigin CAROL_DRV = new OrderOrigin("carol", "CAROL-DRV", 1);
    static final OrderOrigin ALICE_DRV = new OrderOrigin("alice", "ALICE-DRV", 1);
    static final OrderOrigin BOB_DRV = new OrderOrigin("bob", "BOB-DRV", 1);

    final MatchingEngine spot;
    final MatchingEngine derivatives;
    final List<String> to = new ArrayList<>();
    final List<ExecutionReport> reports = new ArrayList<>();
    /** Every report as the gateway would send it (the engine's view, converted). */
    final MatchingEngine.Output out = (compId, execution) -> {
        to.add(compId);
        reports.add(execution.toExecutionReport());
    };
    long now = 1_775_572_325_000_000_000L;
    private long nextId = 1_775_572_325_000_000L;

    EngineFixture() {
        this(Map.of());
    }

    EngineFixture(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("accounts.alice.spot-comp-id", "ALICE"),
                Map.entry("accounts.alice.derivatives-comp-id", "ALICE-DRV"),
                Map.entry("accounts.alice.api-key", "ka"),
                Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("accounts.alice.balances.BTC", "10"),
                Map.entry("accounts.alice.collateral", "100000"),
                Map.entry("accounts.carol.spot-comp-id", "CAROL"),
                Map.entry("accounts.carol.derivatives-comp-id", "CAROL-DRV"),
                Map.entry("accounts.carol.api-key", "kc"),
                Map.entry("accounts.carol.api-secret", "c2VjcmV0"),
                Map.entry("accounts.carol.balances.USD", "1000000"),
                Map.entry("accounts.carol.balances.BTC", "10"),
                Map.entry("accounts.carol.collateral", "100000"),
                Map.entry("accounts.bob.spot-comp-id", "BOB"),
                Map.entry("accounts.bob.derivatives-comp-id", "BOB-DRV"),
                Map.entry("accounts.bob.api-key", "kb"),
                Map.entry("accounts.bob.api-secret", "c2VjcmV0"),
                Map.entry("accounts.bob.balances.USD", "1000000"),
                Map.entry("accounts.bob.balances.BTC", "10"),
                Map.entry("accounts.bob.collateral", "100000"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("assets.BTC.decimals", "10"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
                Map.entry("instruments.BTC/USD.cost-min", "0.5"),
                Map.entry("instruments.PF_XBTUSD.price-precision", "1"),
                Map.entry("instruments.PF_XBTUSD.qty-precision", "4"),
                Map.entry("instruments.PF_XBTUSD.tick-size", "0.5"),
                Map.entry("instruments.PF_XBTUSD.qty-min", "0.0001"),
                Map.entry("venue.fees.spot.maker", "0.0016"),
                Map.entry("venue.fees.spot.taker", "0.0026")));
        m.putAll(overrides);
        VenueConfig config = VenueConfig.read(ConfigSource.of("test.yaml", m));
        spot = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
        derivatives = new MatchingEngine(Market.DERIVATIVES, config, TradingDay.KRAKEN);
    }

    String nextClOrdId() {
        return Long.toString(++nextId);
    }

    NewOrder limit(Side side, String qty, String price, TimeInForce tif, ExecInstruction... inst) {
        return new NewOrder(nextClOrdId(), "BTC/USD", side, OrdType.LIMIT, Decimal.parse(qty), Decimal.parse(price), null,
                tif, Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, ExecInstructions.of(inst), null, null, null, false, null,
                now);
    }

    NewOrder limit(Side side, String qty, String price) {
        return limit(side, qty, price, TimeInForce.GOOD_TILL_CANCEL);
    }

    NewOrder withStp(NewOrder o, SelfTradePrevention stp) {
        return new NewOrder(o.clOrdId(), o.symbol(), o.side(), o.ordType(), o.orderQty(), o.price(), o.stopPx(),
                o.timeInForce(), o.expireTime(), o.effectiveTime(), o.validUntilTime(), o.execInstructions(),
                o.displayQty(), o.triggerReference(), stp, o.margin(), o.allocAccount(), o.transactTime());
    }

    NewOrder market(Side side, String qty) {
        return NewOrder.market(nextClOrdId(), "BTC/USD", side, Decimal.parse(qty), ExecInstructions.NONE, now);
    }

    NewOrder futures(Side side, String qty, String price, TimeInForce tif) {
        return new NewOrder(java.util.UUID.randomUUID().toString(), "PF_XBTUSD", side, OrdType.LIMIT,
                Decimal.parse(qty), Decimal.parse(price), null, tif, Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME,
                ExecInstructions.of(ExecInstruction.SINGLE_FEE), null, null, null, false, null, now);
    }

    /** Submits on the Spot engine and returns the order's id (from its first report). */
    String place(NewOrder o, OrderOrigin who) {
        int before = reports.size();
        MatchingEngine.Rejection r = spot.submit(o, who, true, now, out);
        if (r != null) {
            throw new AssertionError("refused: " + r);
        }
        // the first report of this order (a request may first bring reports of others, e.g. an expiry)
        return reports.subList(before, reports.size()).stream().filter(e -> e.clOrdId().equals(o.clOrdId()))
                .findFirst().orElseThrow().orderId();
    }

    ExecutionReport last() {
        return reports.get(reports.size() - 1);
    }

    List<ExecutionReport> since(int index) {
        return reports.subList(index, reports.size());
    }

    Decimal total(String account, String asset) {
        return spot.balances().get(account).get(asset)[0];
    }

    Decimal available(String account, String asset) {
        return spot.balances().get(account).get(asset)[1];
    }

    /** Any Kraken order, built field by field: {@code f.nos(SELL, STOP_LOSS, "0.5").stop("80000").build()}. */
    Nos nos(Side side, OrdType type, String qty) {
        return new Nos(side, type, qty);
    }

    final class Nos {
        private final Side side;
        private final OrdType type;
        private final String qty;
        private String symbol = "BTC/USD";
        private String price;
        private String stop;
        private TimeInForce tif = TimeInForce.GOOD_TILL_CANCEL;
        private long expire = Stamp.NO_TIME;
        private long effective = Stamp.NO_TIME;
        private long validUntil = Stamp.NO_TIME;
        private long transact = Stamp.NO_TIME;
        private ExecInstruction[] inst = {};
        private String display;
        private io.fluxfix.model.TriggerReference reference;
        private SelfTradePrevention stp;
        private boolean margin;
        private String alloc;

        private Nos(Side side, OrdType type, String qty) {
            this.side = side;
            this.type = type;
            this.qty = qty;
        }

        Nos symbol(String s) { symbol = s; return this; }
        Nos price(String p) { price = p; return this; }
        Nos stop(String p) { stop = p; return this; }
        Nos tif(TimeInForce t) { tif = t; return this; }
        Nos expire(long t) { tif = TimeInForce.GOOD_TILL_DATE; expire = t; return this; }
        Nos effective(long t) { effective = t; return this; }
        Nos validUntil(long t, long sent) { validUntil = t; transact = sent; return this; }
        Nos inst(ExecInstruction... i) { inst = i; return this; }
        Nos display(String q) { display = q; return this; }
        Nos index() { reference = io.fluxfix.model.TriggerReference.INDEX; return this; }
        Nos stp(SelfTradePrevention s) { stp = s; return this; }
        Nos margin() { margin = true; return this; }
        Nos alloc(String a) { alloc = a; return this; }

        NewOrder build() {
            String id = symbol.startsWith("PF_") ? java.util.UUID.randomUUID().toString() : nextClOrdId();
            return new NewOrder(id, symbol, side, type, Decimal.parse(qty), price == null ? null : Decimal.parse(price),
                    stop == null ? null : Decimal.parse(stop), tif, expire, effective, validUntil,
                    ExecInstructions.of(inst), display == null ? null : Decimal.parse(display), reference, stp,
                    margin, alloc, transact == Stamp.NO_TIME ? now : transact);
        }
    }
}
