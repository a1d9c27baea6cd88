package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A seeded random stream of every kind of request — all order types and instructions on Spot and Derivatives,
 * cancels and amends by 41 and 37 (right and wrong sessions, closed and unknown orders), status requests,
 * mass cancels, cancel-on-disconnect, the venue clock, index prices, instrument and trading modes, rollovers —
 * against both engines of one venue, in one of six dialect variants. Every report (as the gateway would send
 * it), refusal, exception and, every 50 requests, the engines' state go into a SHA-256 digest.
 * {@link ReportsDigestTest} pins the digests the engine gave before its reports became views.
 */
final class RandomEngineStream {

    static final String[] ACCOUNTS = {"alice", "bob", "carol", "dave"};
    static final String[] SPOT_SYMBOLS = {"BTC/USD", "ETH/USD", "ETH/BTC"};
    static final String DRV = "PF_XBTUSD";

    final SplittableRandom rnd;
    final StringBuilder log = new StringBuilder();
    final MessageDigest md;
    final Map<Market, MatchingEngine> engines = new EnumMap<>(Market.class);
    final Map<String, Long> instance = new HashMap<>();
    long now = 1_775_572_325_000_000_000L;
    long nextId = 1_775_572_325_000_000L;
    final Map<String, List<String>> clOrdIdsByComp = new HashMap<>();
    /** Known orders: orderId, clOrdId (latest), compId, account, symbol, side. */
    final List<String[]> known = new ArrayList<>();
    final Map<String, Integer> knownIndex = new HashMap<>();
    final LinkedHashSet<String> open = new LinkedHashSet<>();
    long btcMid = 840_000, ethMid = 320_000, ebMid = 38_000, drvMid = 168_000; // BTC pp1, ETH pp2, ETH/BTC pp5 tick 0.00001, PF pp1 tick .5 (x2)

    RandomEngineStream(long seed, int variant) {
        rnd = new SplittableRandom(seed * 1_000_003L + variant);
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> m = new HashMap<>();
        for (String a : ACCOUNTS) {
            String up = a.toUpperCase(Locale.ROOT);
            m.put("accounts." + a + ".spot-comp-id", up);
            m.put("accounts." + a + ".derivatives-comp-id", up + "-DRV");
            m.put("accounts." + a + ".api-key", "k" + a);
            m.put("accounts." + a + ".api-secret", "c2VjcmV0");
        }
        m.put("accounts.alice.balances.USD", "1000000");
        m.put("accounts.alice.balances.BTC", "10");
        m.put("accounts.alice.balances.ETH", "100");
        m.put("accounts.alice.collateral", "100000");
        m.put("accounts.bob.balances.USD", "250000.5");
        m.put("accounts.bob.balances.BTC", "3.25");
        m.put("accounts.bob.balances.ETH", variant % 2 == 0 ? "40" : "40.123");
        m.put("accounts.bob.collateral", "50000.25");
        m.put("accounts.carol.balances.USD", "1000000");
        m.put("accounts.carol.balances.BTC", "10");
        m.put("accounts.carol.collateral", "100000");
        m.put("accounts.dave.balances.USD", "3000");
        m.put("accounts.dave.balances.BTC", "0.05");
        m.put("accounts.dave.balances.ETH", "1.5");
        m.put("accounts.dave.collateral", "2000");
        m.put("assets.USD.decimals", "4");
        m.put("assets.BTC.decimals", "10");
        m.put("assets.ETH.decimals", variant % 3 == 2 ? "4" : "8");
        m.put("instruments.BTC/USD.price-precision", "1");
        m.put("instruments.BTC/USD.qty-precision", "8");
        m.put("instruments.BTC/USD.tick-size", "0.1");
        m.put("instruments.BTC/USD.qty-min", "0.0001");
        m.put("instruments.BTC/USD.cost-min", "0.5");
        m.put("instruments.ETH/USD.price-precision", "2");
        m.put("instruments.ETH/USD.qty-precision", "5");
        m.put("instruments.ETH/USD.tick-size", "0.01");
        m.put("instruments.ETH/USD.qty-min", "0.001");
        m.put("instruments.ETH/USD.qty-max", "50");
        m.put("instruments.ETH/BTC.price-precision", "5");
        m.put("instruments.ETH/BTC.qty-precision", "8");
        m.put("instruments.ETH/BTC.tick-size", "0.00001");
        m.put("instruments.ETH/BTC.qty-min", "0.002");
        m.put("instruments.PF_XBTUSD.price-precision", "1");
        m.put("instruments.PF_XBTUSD.qty-precision", "4");
        m.put("instruments.PF_XBTUSD.tick-size", "0.5");
        m.put("instruments.PF_XBTUSD.qty-min", "0.0001");
        m.put("venue.fees.spot.maker", "0.0016");
        m.put("venue.fees.spot.taker", "0.0026");
        switch (variant % 6) {
            case 1 -> {
                m.put("dialect.execution-report.exec-id-scheme", "sequential");
                m.put("dialect.engine-reject.form", "unsolicited-cancel");
            }
            case 2 -> {
                m.put("dialect.execution-report.new-before-immediate-fill", "false");
                m.put("dialect.trailing-stop-limit.price", "absolute");
                m.put("dialect.mass-cancel.scope", "account");
            }
            case 3 -> {
                m.put("dialect.derivatives.fill-avg-px", "zero");
                m.put("dialect.derivatives.reject-text", "camel-case");
                m.put("venue.fees.spot.taker", "0.00265");
            }
            case 4 -> {
                m.put("dialect.engine-reject.form", "unsolicited-cancel");
                m.put("venue.fees.spot.maker", "0");
            }
            default -> { }
        }
        VenueConfig config = VenueConfig.read(ConfigSource.of("fuzz.yaml", m));
        for (Market mk : Market.values()) {
            engines.put(mk, new MatchingEngine(mk, config, TradingDay.KRAKEN));
        }
    }

    void line(String s) {
        byte[] b = (s + "\n").getBytes(StandardCharsets.UTF_8);
        md.update(b);
    }

    final MatchingEngine.Output out = (compId, er) -> onReport(compId, er.toExecutionReport());

    int inStep;
    void onReport(String compId, ExecutionReport er) {
        if (++inStep > 5000) {
            throw new IllegalStateException("runaway: " + er);
        }
        line("R " + compId + " " + er);
        if (er.execType() == ExecType.NEW || er.execType() == ExecType.PENDING_NEW) {
            if (!knownIndex.containsKey(er.orderId())) {
                knownIndex.put(er.orderId(), known.size());
                known.add(new String[]{er.orderId(), er.clOrdId(), compId, null, er.symbol(), er.side().name()});
            }
        }
        if (er.ordStatus().isTerminal()) {
            open.remove(er.orderId());
        } else if (knownIndex.containsKey(er.orderId())) {
            open.add(er.orderId());
        }
        Integer k = knownIndex.get(er.orderId());
        if (k != null && er.clOrdId() != null) {
            // keep the latest ClOrdID the order answered to
            if (er.execType() == ExecType.CANCELED || er.execType() == ExecType.REPLACED) {
                known.get(k)[1] = er.clOrdId();
            }
        }
    }

    OrderOrigin origin(String account, boolean drv) {
        String comp = account.toUpperCase(Locale.ROOT) + (drv ? "-DRV" : "");
        return new OrderOrigin(account, comp, instance.getOrDefault(comp, 1L));
    }

    String account() {
        return ACCOUNTS[rnd.nextInt(ACCOUNTS.length)];
    }

    String clOrdId(String comp, boolean drv) {
        List<String> used = clOrdIdsByComp.computeIfAbsent(comp, c -> new ArrayList<>());
        String id;
        if (!used.isEmpty() && rnd.nextInt(100) < 3) {
            id = used.get(rnd.nextInt(used.size()));
        } else if (drv) {
            id = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
        } else {
            id = Long.toString(++nextId);
        }
        used.add(id);
        return id;
    }

    static Decimal dec(long m, int s) {
        return Decimal.of(m, s);
    }

    void step(int i) {
        now += rnd.nextInt(100) < 3 ? rnd.nextLong(400_000_000_000L) : rnd.nextLong(2_000_000_000L);
        int roll = rnd.nextInt(1000);
        inStep = 0;
        try {
            if (roll < 480) {
                newOrder();
            } else if (roll < 640) {
                cancel();
            } else if (roll < 760) {
                amend();
            } else if (roll < 790) {
                status();
            } else if (roll < 800) {
                mass();
            } else if (roll < 808) {
                String a = account();
                boolean drv = rnd.nextBoolean();
                OrderOrigin o = origin(a, drv);
                int n = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).cancelOnDisconnect(o, now, out);
                line("COD " + o + " " + n);
                instance.merge(o.compId(), 1L, Long::sum);
            } else if (roll < 880) {
                for (MatchingEngine e : engines.values()) {
                    e.timePassed(now, out);
                }
                line("T " + now);
            } else if (roll < 930) {
                String sym = pick(SPOT_SYMBOLS[0], SPOT_SYMBOLS[1], DRV);
                Decimal px = rnd.nextInt(4) == 0 ? null : price(sym, 30);
                MatchingEngine e = engines.get(Market.ofSymbol(sym));
                e.setIndexPrice(sym, px, now, out);
                line("X " + sym + " " + px + " " + e.indexPrice(sym));
            } else if (roll < 945) {
                String sym = pick(SPOT_SYMBOLS[0], SPOT_SYMBOLS[1], SPOT_SYMBOLS[2], DRV);
                InstrumentStatus st = rnd.nextInt(6) == 0 ? InstrumentStatus.values()[rnd.nextInt(InstrumentStatus.values().length)]
                        : InstrumentStatus.ONLINE;
                engines.get(Market.ofSymbol(sym)).setInstrumentStatus(sym, st);
                line("S " + sym + " " + st);
            } else if (roll < 955) {
                TradingStatus st = rnd.nextInt(6) == 0 ? TradingStatus.values()[rnd.nextInt(TradingStatus.values().length)]
                        : TradingStatus.ONLINE;
                for (MatchingEngine e : engines.values()) {
                    e.setTradingStatus(st);
                }
                line("TS " + st);
            } else if (roll < 958) {
                for (MatchingEngine e : engines.values()) {
                    e.rollover();
                }
                line("ROLL");
            } else {
                newOrder();
            }
        } catch (RuntimeException ex) {
            line("EX " + ex.getClass().getName() + " " + ex.getMessage());
        }
        if (i % 50 == 0) {
            snapshot();
        }
    }

    String pick(String... s) {
        return s[rnd.nextInt(s.length)];
    }

    Decimal price(String sym, int spreadTicks) {
        int d = rnd.nextInt(2 * spreadTicks + 1) - spreadTicks;
        switch (sym) {
            case "BTC/USD": btcMid += rnd.nextInt(5) - 2; return dec(btcMid + d, 1);
            case "ETH/USD": ethMid += rnd.nextInt(5) - 2; return dec(ethMid + d, 2);
            case "ETH/BTC": ebMid += rnd.nextInt(3) - 1; return dec(ebMid + d, 5);
            default: drvMid += rnd.nextInt(3) - 1; return dec((drvMid + d) * 5, 1);
        }
    }

    Decimal qty(String sym) {
        int r = rnd.nextInt(100);
        if (r < 2) {
            return Decimal.parse("0.123456789");
        }
        if (r < 3) {
            return Decimal.ZERO;
        }
        if (r < 5) {
            return dec(rnd.nextInt(100) + 1, 5);
        }
        long lots = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 2000 : 60);
        switch (sym) {
            case "BTC/USD": return rnd.nextInt(10) == 0 ? dec(lots * 7, 6) : dec(lots, 3);
            case "ETH/USD": return rnd.nextInt(10) == 0 ? dec(lots * 3, 5) : dec(lots, 2);
            case "ETH/BTC": return dec(lots * 13, 4);
            default: return dec(lots, 3);
        }
    }

    void newOrder() {
        boolean drv = rnd.nextInt(5) == 0;
        String sym = drv ? DRV : pick(SPOT_SYMBOLS);
        String acct = account();
        OrderOrigin who = origin(acct, drv);
        Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
        int t = rnd.nextInt(100);
        OrdType type = t < 55 ? OrdType.LIMIT : t < 70 ? OrdType.MARKET : OrdType.values()[rnd.nextInt(OrdType.values().length)];
        Decimal qty = qty(sym);
        Decimal price = type.hasLimitPrice() ? (type == OrdType.TRAILING_STOP_LIMIT && rnd.nextBoolean()
                ? dec(rnd.nextInt(50) * (sym.equals(DRV) ? 5 : 1), sym.equals("ETH/USD") ? 2 : sym.equals("ETH/BTC") ? 5 : 1)
                : price(sym, 40)) : rnd.nextInt(30) == 0 ? price(sym, 5) : null;
        if (price != null && rnd.nextInt(40) == 0) {
            price = price.add(Decimal.parse("0.003"));
        }
        Decimal stop = type.hasTrigger() ? (type.isTrailing() ? dec((1 + rnd.nextInt(40)) * (sym.equals(DRV) ? 5 : 1),
                sym.equals("ETH/USD") ? 2 : sym.equals("ETH/BTC") ? 5 : 1) : price(sym, 40)) : null;
        TimeInForce tif = TimeInForce.GOOD_TILL_CANCEL;
        int f = rnd.nextInt(100);
        if (f < 12) tif = TimeInForce.IMMEDIATE_OR_CANCEL;
        else if (f < 18) tif = TimeInForce.FILL_OR_KILL;
        else if (f < 26) tif = TimeInForce.GOOD_TILL_DATE;
        long expire = tif == TimeInForce.GOOD_TILL_DATE ? now + (rnd.nextInt(20) == 0 ? -1 : 1) * rnd.nextLong(600_000_000_000L) : Stamp.NO_TIME;
        // No 168 on trigger orders: amending one that waits for its start can put it in the book twice, and a
        // taker then matches it for nothing for ever (docs/benchmarks.md, "Found on the way").
        long effective = !type.hasTrigger() && rnd.nextInt(25) == 0 ? now + rnd.nextLong(300_000_000_000L) : Stamp.NO_TIME;
        long validUntil = Stamp.NO_TIME;
        long transact = now;
        if (rnd.nextInt(30) == 0) {
            validUntil = now + rnd.nextLong(-5_000_000_000L, 70_000_000_000L);
        }
        List<ExecInstruction> inst = new ArrayList<>();
        if (drv) inst.add(ExecInstruction.SINGLE_FEE);
        if (rnd.nextInt(12) == 0) inst.add(ExecInstruction.POST_ONLY);
        if (rnd.nextInt(15) == 0) inst.add(ExecInstruction.REDUCE_ONLY);
        if (!drv && rnd.nextInt(20) == 0) inst.add(ExecInstruction.VOLUME_IN_QUOTE);
        if (!drv && rnd.nextInt(8) == 0) inst.add(ExecInstruction.FEE_IN_BASE);
        if (!drv && rnd.nextInt(8) == 0) inst.add(ExecInstruction.FEE_IN_QUOTE);
        if (inst.contains(ExecInstruction.VOLUME_IN_QUOTE)) {
            qty = dec(1 + rnd.nextInt(5000), rnd.nextInt(3));
        }
        Decimal display = rnd.nextInt(12) == 0 ? dec(Math.max(1, qty.unscaled() / (1 + rnd.nextInt(10))), qty.scale()) : null;
        TriggerReference ref = rnd.nextInt(4) == 0 ? TriggerReference.INDEX : null;
        SelfTradePrevention stp = !drv && rnd.nextInt(4) == 0 ? SelfTradePrevention.values()[rnd.nextInt(SelfTradePrevention.values().length)] : null;
        boolean margin = rnd.nextInt(40) == 0;
        String alloc = rnd.nextInt(10) == 0 ? "sub" + rnd.nextInt(3) : null;
        NewOrder o = new NewOrder(clOrdId(who.compId(), drv), sym, side, type, qty, price, stop, tif, expire, effective,
                validUntil, ExecInstructions.of(inst.toArray(new ExecInstruction[0])), display, ref, stp, margin, alloc, transact);
        MatchingEngine.Rejection r = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).submit(o, who, rnd.nextInt(4) == 0, now, out);
        line("N " + o + " -> " + r);
    }

    String[] knownOrder() {
        if (!open.isEmpty() && rnd.nextInt(5) != 0) {
            int n = rnd.nextInt(open.size());
            for (String id : open) {
                if (n-- == 0) {
                    return known.get(knownIndex.get(id));
                }
            }
        }
        return known.isEmpty() ? null : known.get(known.size() - 1 - Math.min(known.size() - 1, rnd.nextInt(rnd.nextInt(10) == 0 ? known.size() : Math.min(known.size(), 40))));
    }

    OrderOrigin originOf(String[] k) {
        String comp = k[2];
        boolean drv = comp.endsWith("-DRV");
        String acct = comp.replace("-DRV", "").toLowerCase(Locale.ROOT);
        if (rnd.nextInt(20) == 0) {
            acct = account();
        }
        return origin(acct, drv);
    }

    void cancel() {
        String[] k = knownOrder();
        if (k == null) return;
        OrderOrigin who = originOf(k);
        boolean drv = who.compId().endsWith("-DRV");
        int how = rnd.nextInt(10);
        String orig = how < 6 ? k[1] : how < 7 ? "999" : null;
        String oid = how >= 6 ? (how == 9 ? "OXXXXX-XXXXX-XXXXXX" : k[0]) : null;
        if (orig == null && oid == null) oid = k[0];
        CancelOrder c = new CancelOrder(clOrdId(who.compId(), drv), orig, oid, k[4], Side.valueOf(k[5]), now);
        MatchingEngine.Rejection r = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).cancel(c, who, now, out);
        line("C " + c + " -> " + r);
    }

    void amend() {
        String[] k = knownOrder();
        if (k == null) return;
        OrderOrigin who = originOf(k);
        boolean drv = who.compId().endsWith("-DRV");
        String sym = k[4];
        Decimal q = rnd.nextInt(3) == 0 ? null : qty(sym);
        Decimal p = rnd.nextInt(3) == 0 ? null : price(sym, 40);
        Decimal stop = rnd.nextInt(5) == 0 ? price(sym, 40) : null;
        Decimal display = rnd.nextInt(10) == 0 && q != null ? dec(Math.max(1, q.unscaled() / 3), q.scale()) : null;
        OrdType type = rnd.nextInt(20) == 0 ? OrdType.values()[rnd.nextInt(OrdType.values().length)] : null;
        TimeInForce tif = rnd.nextInt(20) == 0 ? TimeInForce.values()[rnd.nextInt(TimeInForce.values().length)] : null;
        boolean byId = rnd.nextInt(3) == 0;
        AmendOrder a = new AmendOrder(clOrdId(who.compId(), drv), byId ? null : k[1], byId ? k[0] : null, sym, Side.valueOf(k[5]),
                q, display, type, tif, p, stop, rnd.nextInt(8) == 0, Stamp.NO_TIME, now);
        MatchingEngine.Rejection r = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).amend(a, who, now, out);
        line("A " + a + " -> " + r);
    }

    void status() {
        String[] k = knownOrder();
        if (k == null) return;
        OrderOrigin who = originOf(k);
        boolean drv = who.compId().endsWith("-DRV");
        List<String> used = clOrdIdsByComp.getOrDefault(who.compId(), List.of());
        String cl = rnd.nextBoolean() || used.isEmpty() ? k[1] : used.get(rnd.nextInt(used.size()));
        OrderStatusRequest s = new OrderStatusRequest(cl, rnd.nextBoolean() ? k[0] : null, k[4], Side.valueOf(k[5]));
        MatchingEngine.Rejection r = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).status(s, who, now, out);
        line("Q " + s + " -> " + r);
    }

    void mass() {
        String acct = account();
        boolean drv = rnd.nextInt(4) == 0;
        OrderOrigin who = origin(acct, drv);
        MassCancelScope scope = MassCancelScope.values()[rnd.nextInt(MassCancelScope.values().length)];
        String sym = scope == MassCancelScope.SYMBOL ? (drv ? DRV : pick(SPOT_SYMBOLS)) : null;
        MassCancel mc = new MassCancel(clOrdId(who.compId(), drv), scope, sym, now);
        int n = engines.get(drv ? Market.DERIVATIVES : Market.SPOT).massCancel(mc, who, now, out);
        line("M " + mc + " -> " + n);
    }

    void snapshot() {
        MatchingEngine spot = engines.get(Market.SPOT);
        MatchingEngine drv = engines.get(Market.DERIVATIVES);
        StringBuilder sb = new StringBuilder("SNAP ");
        spot.balances().forEach((a, m) -> m.forEach((asset, v) -> sb.append(a).append('.').append(asset).append('=')
                .append(v[0]).append('/').append(v[1]).append(' ')));
        drv.derivativesAccounts().forEach((a, v) -> sb.append(a).append(":").append(v.collateral()).append('/')
                .append(v.marginHeld()).append('/').append(new TreeMap<>(v.positions())).append(' '));
        for (MatchingEngine e : engines.values()) {
            for (Order o : e.openOrders()) {
                sb.append(o).append(' ').append(o.leaves()).append(' ').append(o.triggerPrice()).append(';');
            }
            for (String sym : e.symbols()) {
                for (Side s : Side.values()) {
                    for (Decimal[] l : e.levels(sym, s, 5)) {
                        sb.append(sym).append(s).append(l[0]).append('x').append(l[1]).append(',');
                    }
                }
                sb.append(" idx=").append(e.indexPrice(sym));
            }
            sb.append(" next=").append(e.nextTimedEvent()).append(' ').append(e.tradingStatus());
        }
        if (!known.isEmpty()) {
            String[] k = known.get(rnd.nextInt(known.size()));
            Order o = engines.get(k[2].endsWith("-DRV") ? Market.DERIVATIVES : Market.SPOT).order(k[0]);
            sb.append(" order=").append(o);
        }
        line(sb.toString());
    }

    /** Runs {@code steps} requests; the digest of everything they gave, in hex. */
    String run(int steps) {
        for (int i = 0; i < steps; i++) {
            step(i);
        }
        snapshot();
        return HexFormat.of().formatHex(md.digest());
    }
}
