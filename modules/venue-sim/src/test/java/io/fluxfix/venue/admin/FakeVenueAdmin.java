package io.fluxfix.venue.admin;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A venue that knows three instruments, records every call and the thread it came on, and fails on demand. */
final class FakeVenueAdmin implements VenueAdmin {

    static final Set<String> SYMBOLS = Set.of("BTC/USD", "ETH/USD", "PF_XBTUSD");
    static final Set<String> STATUSES = Set.of("online", "cancel_only", "post_only", "limit_only", "maintenance");
    static final Set<String> MODES = Set.of("maintenance", "online", "cancel_only", "post_only");

    static final Instant AS_OF = Instant.parse("2026-11-22T09:30:00.123456789Z");
    static final Instant LOGGED_ON_AT = Instant.parse("2026-11-22T00:00:05Z");

    record VenueSnapshot(Instant asOf, String tradingMode, List<SessionView> sessions,
            Map<String, Map<String, List<OpenOrder>>> openOrders, Map<String, Map<String, Decimal>> balances,
            Map<String, RateCounter> rateCounters) {
    }

    record SessionView(String senderCompId, boolean loggedOn, long nextSenderSeqNum, long nextTargetSeqNum,
            Instant loggedOnAt) {
    }

    record OpenOrder(String orderId, String clOrdId, Side side, Decimal price, Decimal leavesQty, BigDecimal fee) {
    }

    record RateCounter(BigDecimal value, int max) {
    }

    final AtomicInteger rollovers = new AtomicInteger();
    final Map<String, String> instrumentStatus = new ConcurrentHashMap<>();
    final Queue<String> callThreads = new ConcurrentLinkedQueue<>();
    volatile String tradingMode = "online";
    volatile Object state = sampleState();
    /** While set, every call throws it. */
    volatile RuntimeException failure;
    /** While set, {@link #state()} counts down {@link #stateEntered} and waits for this latch. */
    volatile CountDownLatch stateGate;
    final CountDownLatch stateEntered = new CountDownLatch(1);

    static VenueSnapshot sampleState() {
        Map<String, Map<String, List<OpenOrder>>> openOrders = new LinkedHashMap<>();
        openOrders.put("ACC1", Map.of("BTC/USD", List.of(
                new OpenOrder("O-1", "C-1", Side.BUY, Decimal.parse("28013.50"), Decimal.parse("0.00000100"),
                        new BigDecimal("0.00000001")),
                new OpenOrder("O-2", "C-2", Side.SELL, Decimal.parse("28100"), Decimal.parse("-0.5"),
                        new BigDecimal("1E+3")))));
        openOrders.put("ACC2", Map.of());
        return new VenueSnapshot(AS_OF, "online",
                List.of(new SessionView("CLIENT1", true, 42, 17, LOGGED_ON_AT),
                        new SessionView("CLIENT2", false, 1, 1, null)),
                openOrders,
                Map.of("ACC1", Map.of("USD", Decimal.parse("1000000.0000"), "BTC", Decimal.parse("12.3456789012"))),
                Map.of("ACC1", new RateCounter(new BigDecimal("2.125"), 20)));
    }

    @Override
    public Object state() {
        enter();
        CountDownLatch gate = stateGate;
        if (gate != null) {
            stateEntered.countDown();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the test gate", e);
            }
        }
        return state;
    }

    @Override
    public void rolloverNow() {
        enter();
        rollovers.incrementAndGet();
    }

    @Override
    public void setInstrumentStatus(String symbol, String status) {
        enter();
        if (!SYMBOLS.contains(symbol)) {
            throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown instrument status '" + status + "'");
        }
        instrumentStatus.put(symbol, status);
    }

    @Override
    public void setIndexPrice(String symbol, String price) {
        enter();
        if (!SYMBOLS.contains(symbol)) {
            throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        }
        indexPrice.put(symbol, price);
    }

    @Override
    public void setTradingMode(String mode) {
        enter();
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown trading mode '" + mode + "'");
        }
        tradingMode = mode;
    }

    final Map<String, String> indexPrice = new java.util.concurrent.ConcurrentHashMap<>();

    private void enter() {
        callThreads.add(Thread.currentThread().getName());
        RuntimeException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
    }
}
