package io.fluxfix.venue.fix;

import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.kraken.ClOrdIdGenerator;
import io.fluxfix.venue.TestInstruments;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.limits.SpotRateLimits;
import io.fluxfix.venue.persist.InputJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import quickfix.SessionID;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.fluxfix.venue.fix.GatewayHarness.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken's rate limits at the venue (issue 6), driven through the trading gateway on the venue clock: what each
 * request costs and when the counter refuses, Kraken's worked examples, the age brackets' edges, the open-order
 * cap, one account's sessions sharing a counter, a domain's pool, the mass cancel's cost, the Derivatives bucket,
 * and a restart that rebuilds the counters from the journal.
 */
class RateLimitsGatewayTest {

    private static final long SECOND = 1_000_000_000L;
    private static final SessionID ALICE = new SessionID("FIX.4.4", "KRAKEN-TRD", "ALICE");
    private static final SessionID ALICE_2 = new SessionID("FIX.4.4", "KRAKEN-TRD", "ALICE-2");
    private static final SessionID BOB = new SessionID("FIX.4.4", "KRAKEN-TRD", "BOB");
    private static final SessionID ALICE_DRV = new SessionID("FIX.4.4", "KRAKEN-DRV-TRD", "ALICE-DRV");

    @TempDir
    Path dir;

    private final GatewayHarness h = new GatewayHarness();
    private TradingGateway gw;
    private Map<Market, MatchingEngine> engines;
    /** Every message the gateway sent: its type, 150 and 58. */
    private final List<String> sent = new ArrayList<>();
    private long ids;

    private void start(String... overrides) {
        start(null, overrides);
    }

    private void start(InputJournal journal, String... overrides) {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.tls", "false"),
                Map.entry("venue.data-dir", dir.toString()),
                Map.entry("accounts.alice.spot-comp-id", "ALICE"),
                Map.entry("accounts.alice.other-spot-comp-ids", "ALICE-2"),
                Map.entry("accounts.alice.derivatives-comp-id", "ALICE-DRV"),
                Map.entry("accounts.alice.api-key", "ka"),
                Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
                Map.entry("accounts.alice.balances.USD", "100000000"),
                Map.entry("accounts.alice.balances.BTC", "1000"),
                Map.entry("accounts.alice.balances.ETH", "1000"),
                Map.entry("accounts.alice.collateral", "100000000"),
                Map.entry("accounts.bob.spot-comp-id", "BOB"),
                Map.entry("accounts.bob.api-key", "kb"),
                Map.entry("accounts.bob.api-secret", "c2VjcmV0"),
                Map.entry("accounts.bob.balances.USD", "100000000"),
                Map.entry("accounts.bob.balances.BTC", "1000")));
        m.putAll(TestInstruments.config("BTC/USD", "ETH/USD", "PF_XBTUSD"));
        for (String o : overrides) {
            int eq = o.indexOf('=');
            m.put(o.substring(0, eq), o.substring(eq + 1));
        }
        VenueConfig config = VenueConfig.read(ConfigSource.of("t.yaml", m));
        engines = GatewayHarness.engines(config);
        gw = GatewayHarness.gateway(config, engines, journal);
        gw.sender((to, msg) -> sent.add(to.getTargetCompID() + " " + GatewayHarness.type(msg)
                + msg.getOptionalString(KrakenTags.EXEC_TYPE).map(t -> " " + t).orElse("")
                + msg.getOptionalString(KrakenTags.TEXT).map(t -> " " + t).orElse("")));
        for (SessionID s : List.of(ALICE, ALICE_2, BOB, ALICE_DRV)) {
            gw.logonAccepted(s, true, false, NOW);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private String nextId(long at) {
        return Long.toString(at / 1000 + ++ids);
    }

    /** Alice's resting buy of 0.001 BTC at 80000 (or {@code price}), sent at {@code at}; returns its ClOrdID. */
    private String add(SessionID who, long at) {
        return add(who, "BTC/USD", "80000", at);
    }

    private String add(SessionID who, String symbol, String price, long at) {
        String id = nextId(at);
        gw.onApp(who, h.message(who, GatewayHarness.limit(id, symbol, Side.BUY, "0.001", price)), at);
        return id;
    }

    private void cancel(SessionID who, String clOrdId, long at) {
        gw.onApp(who, h.message(who, new CancelOrder(nextId(at), clOrdId, null, "BTC/USD", Side.BUY, at)), at);
    }

    private String amend(SessionID who, String clOrdId, String qty, long at) {
        String id = nextId(at);
        gw.onApp(who, h.message(who, new AmendOrder(id, clOrdId, null, "BTC/USD", Side.BUY, Decimal.parse(qty), null,
                OrdType.LIMIT, TimeInForce.GOOD_TILL_CANCEL, Decimal.parse("80000"), null, false,
                io.fluxfix.model.event.Stamp.NO_TIME, at)), at);
        return id;
    }

    private String counter(String owner, String symbol, long at) {
        return gw.spotRateCounters(at).stream().filter(c -> c.owner().equals(owner) && c.symbol().equals(symbol))
                .map(c -> c.value().toString()).findFirst().orElse("none");
    }

    private String charged(String owner, String symbol, long at) {
        return gw.spotRateCounters(at).stream().filter(c -> c.owner().equals(owner) && c.symbol().equals(symbol))
                .map(c -> c.charged().toString()).findFirst().orElse("none");
    }

    private String last() {
        return sent.get(sent.size() - 1);
    }

    // --- Kraken's worked examples ----------------------------------------------------------------------------

    @ParameterizedTest(name = "decay {0}/s: counter {1}")
    @CsvSource({"0, 8", "1, 4"})
    void krakensWorkedExampleAddAmendAfterSevenSecondsCancelThirtySixLaterAddsEight(String decay, String counter) {
        start("venue.rate-limits.spot.starter.decay=" + decay);
        String placed = add(ALICE, NOW);
        String amended = amend(ALICE, placed, "0.002", NOW + 7 * SECOND);
        assertThat(last()).isEqualTo("ALICE 8 5");
        cancel(ALICE, amended, NOW + 43 * SECOND);
        assertThat(last()).isEqualTo("ALICE 8 4 Order canceled by user");
        assertThat(charged("alice", "BTC/USD", NOW + 43 * SECOND)).as("+1 +1 +2 +4").isEqualTo("8");
        // with decay 1/s: 1 at 0 s, 0 + 3 at 7 s, 0 + 4 at 43 s
        assertThat(counter("alice", "BTC/USD", NOW + 43 * SECOND)).isEqualTo(counter);
    }

    @Test
    void fiftyAddsAtIntermediateLeaveTwentySixPointSixTenSecondsLater() {
        start("accounts.alice.tier=intermediate");
        for (int i = 0; i < 50; i++) {
            add(ALICE, NOW);
        }
        assertThat(sent).filteredOn(s -> s.startsWith("ALICE 8 0")).hasSize(50);
        assertThat(counter("alice", "BTC/USD", NOW)).isEqualTo("50");
        assertThat(counter("alice", "BTC/USD", NOW + 10 * SECOND)).isEqualTo("26.6");
        assertThat(counter("alice", "BTC/USD", NOW + 30 * SECOND)).as("never below 0").isEqualTo("0");
    }

    @ParameterizedTest(name = "decay {0}: {1} after 2.5 s")
    @CsvSource({"continuous, 44.15", "per-second, 45.32"})
    void theCounterDecaysContinuouslyOrInWholeSecondSteps(String decay, String after) {
        start("accounts.alice.tier=intermediate", "dialect.rate-limit.decay=" + decay);
        for (int i = 0; i < 50; i++) {
            add(ALICE, NOW);
        }
        // 50 − 2.5 × 2.34, or 50 − 2 × 2.34 (two second boundaries of the venue clock passed)
        assertThat(counter("alice", "BTC/USD", NOW + 2_500_000_000L)).isEqualTo(after);
    }

    // --- the age brackets ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "cancel at {0} ns: +{1}")
    @CsvSource({
            "0, 8", "4999999999, 8", "5000000000, 6", "9999999999, 6", "10000000000, 5", "14999999999, 5",
            "15000000000, 4", "44999999999, 4", "45000000000, 2", "89999999999, 2", "90000000000, 1",
            "299999999999, 1", "300000000000, 0", "3600000000000, 0"})
    void aCancelCostsByTheOrdersAgeWithStrictEdges(long age, int cost) {
        start("venue.rate-limits.spot.starter.decay=0", "dialect.clordid.window-for-numeric=false");
        String placed = add(ALICE, NOW);
        cancel(ALICE, placed, NOW + age);
        assertThat(last()).startsWith("ALICE 8 4");
        assertThat(counter("alice", "BTC/USD", NOW + age)).isEqualTo(Integer.toString(1 + cost));
    }

    @ParameterizedTest(name = "amend at {0} ns: +{1}")
    @CsvSource({"0, 4", "4999999999, 4", "5000000000, 3", "9999999999, 3", "10000000000, 2", "14999999999, 2",
            "15000000000, 1", "600000000000, 1"})
    void anAmendCostsOnePlusItsAgeBracketAndItsAgeRestartsAtTheAmend(long age, int cost) {
        start("venue.rate-limits.spot.starter.decay=0", "dialect.clordid.window-for-numeric=false");
        String placed = add(ALICE, NOW);
        String amended = amend(ALICE, placed, "0.002", NOW + age);
        assertThat(last()).isEqualTo("ALICE 8 5");
        assertThat(counter("alice", "BTC/USD", NOW + age)).isEqualTo(Integer.toString(1 + cost));
        cancel(ALICE, amended, NOW + age + SECOND);
        assertThat(counter("alice", "BTC/USD", NOW + age + SECOND)).as("a cancel 1 s after the amend: +8")
                .isEqualTo(Integer.toString(1 + cost + 8));
    }

    @Test
    void aCancelOfAnOrderEndedByAFillCostsNothing() {
        start("venue.rate-limits.spot.starter.decay=0");
        String placed = add(ALICE, NOW);
        gw.onApp(BOB, h.message(BOB, GatewayHarness.limit(nextId(NOW), Side.SELL, "0.001", "80000")), NOW);
        assertThat(sent).contains("ALICE 8 F");
        cancel(ALICE, placed, NOW + SECOND);
        assertThat(last()).isEqualTo("ALICE j EOrder:Unknown order");
        assertThat(counter("alice", "BTC/USD", NOW + SECOND)).isEqualTo("1");
    }

    // --- refusals -------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "reject-at {0}, charge-rejected {1}: refused at add {2}, counter then {3}")
    @CsvSource({"exceeds, true, 61, 61", "exceeds, false, 61, 60", "reached, true, 60, 60"})
    void anAddThatWouldPassTheThresholdIsRefusedWithKrakensText(String rejectAt, boolean chargeRejected, int refusedAt,
                                                                String counterAfter) {
        start("venue.rate-limits.spot.starter.decay=0", "dialect.rate-limit.reject-at=" + rejectAt,
                "dialect.rate-limit.charge-rejected=" + chargeRejected);
        for (int i = 1; i < refusedAt; i++) {
            add(ALICE, NOW);
        }
        assertThat(sent).allMatch(s -> s.startsWith("ALICE 8 0"));
        String refused = add(ALICE, NOW);
        assertThat(last()).isEqualTo("ALICE j EOrder:Rate limit exceeded");
        assertThat(engines.get(Market.SPOT).openOrders()).noneMatch(o -> o.clOrdId().equals(refused));
        assertThat(counter("alice", "BTC/USD", NOW)).isEqualTo(counterAfter);
        assertThat(gw.spotRateCounters(NOW)).singleElement().satisfies(c -> assertThat(c.refused()).isEqualTo(1));
        add(ALICE, "ETH/USD", "3000", NOW);
        assertThat(last()).as("another pair has its own counter").startsWith("ALICE 8 0");
    }

    @Test
    void inTheUnsolicitedCancelFormARateLimitedOrderIsAcknowledgedThenCancelled() {
        start("venue.rate-limits.spot.starter.decay=0", "dialect.rate-limit.reject-form=unsolicited-cancel");
        for (int i = 0; i < 60; i++) {
            add(ALICE, NOW);
        }
        int mark = sent.size();
        add(ALICE, NOW);
        assertThat(sent.subList(mark, sent.size())).containsExactly("ALICE 8 0 buy 0.001 BTC/USD @ limit 80000",
                "ALICE 8 4 EOrder:Rate limit exceeded");
    }

    @Test
    void theOpenOrderCapPerPairRefusesTheNextOrderUntilOneCloses() {
        start("accounts.alice.tier=intermediate");
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            placed.add(add(ALICE, NOW));
        }
        assertThat(engines.get(Market.SPOT).openOrderCount("alice", "BTC/USD")).isEqualTo(80);
        add(ALICE, NOW);
        assertThat(last()).isEqualTo("ALICE j EOrder:Orders limit exceeded");
        add(ALICE, "ETH/USD", "3000", NOW);
        assertThat(last()).as("the cap is per pair").startsWith("ALICE 8 0");
        cancel(ALICE, placed.get(0), NOW + SECOND);
        add(ALICE, NOW + SECOND);
        assertThat(last()).startsWith("ALICE 8 0");
        assertThat(engines.get(Market.SPOT).openOrderCount("alice", "BTC/USD")).isEqualTo(80);
    }

    @Test
    void twoSessionsOfOneAccountShareItsCounter() {
        start("venue.rate-limits.spot.starter.decay=0");
        for (int i = 0; i < 30; i++) {
            add(ALICE, NOW);
            add(ALICE_2, NOW);
        }
        assertThat(counter("alice", "BTC/USD", NOW)).isEqualTo("60");
        add(ALICE_2, NOW);
        assertThat(last()).isEqualTo("ALICE-2 j EOrder:Rate limit exceeded");
        add(BOB, NOW);
        assertThat(last()).as("another account is not affected").startsWith("BOB 8 0");
    }

    @Test
    void theAccountsOfADomainShareAPooledCounter() {
        start("venue.rate-limits.spot.starter.decay=0", "venue.rate-limits.spot.domain-multiplier=1",
                "accounts.alice.domain=house", "accounts.bob.domain=house");
        for (int i = 0; i < 40; i++) {
            add(ALICE, NOW);
        }
        for (int i = 0; i < 20; i++) {
            add(BOB, NOW);
        }
        assertThat(counter("domain:house", "BTC/USD", NOW)).isEqualTo("60");
        add(BOB, NOW);
        assertThat(last()).isEqualTo("BOB j EOrder:Domain rate limit exceeded");
        assertThat(counter("bob", "BTC/USD", NOW)).as("its own counter has room").isEqualTo("21");
    }

    @ParameterizedTest(name = "mass-cancel-cost {0}")
    @CsvSource({"per-pair, 3, 2", "per-order, 18, 9"})
    void aMassCancelIsChargedAfterItRanAndNeverRefused(String cost, String btcAfter, String ethAfter) {
        start("venue.rate-limits.spot.starter.decay=0", "dialect.rate-limit.mass-cancel-cost=" + cost);
        add(ALICE, NOW);
        add(ALICE, NOW);
        add(ALICE, "ETH/USD", "3000", NOW);
        gw.onApp(ALICE, h.message(ALICE, new MassCancel(nextId(NOW), MassCancelScope.SESSION, null, NOW)), NOW + SECOND);
        assertThat(sent).filteredOn(s -> s.startsWith("ALICE 8 4")).hasSize(3);
        // per pair: +1 on each pair; per order: +8 for each order (all younger than 5 s)
        assertThat(counter("alice", "BTC/USD", NOW + SECOND)).isEqualTo(btcAfter);
        assertThat(counter("alice", "ETH/USD", NOW + SECOND)).isEqualTo(ethAfter);
    }

    @Test
    void aBurstOfYoungCancelsOnStarterMeetsTheLimitAtTheDocumentedPoint() {
        start();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placed.add(add(ALICE, NOW));
        }
        int mark = sent.size();
        for (String id : placed) {
            cancel(ALICE, id, NOW);
        }
        // 10 adds + 6 cancels younger than 5 s = 10 + 48 = 58; the 7th would make 66 > 60
        assertThat(sent.subList(mark, sent.size())).containsExactly(
                "ALICE 8 4 Order canceled by user", "ALICE 8 4 Order canceled by user", "ALICE 8 4 Order canceled by user",
                "ALICE 8 4 Order canceled by user", "ALICE 8 4 Order canceled by user", "ALICE 8 4 Order canceled by user",
                "ALICE j EOrder:Rate limit exceeded", "ALICE j EOrder:Rate limit exceeded",
                "ALICE j EOrder:Rate limit exceeded", "ALICE j EOrder:Rate limit exceeded");
        assertThat(engines.get(Market.SPOT).openOrderCount("alice", "BTC/USD")).isEqualTo(4);
    }

    // --- Derivatives ----------------------------------------------------------------------------------------

    @Test
    void theDerivativesBucketRefusesWhenEmptyRefillsOnTheVenueClockAndSurvivesALogon() {
        start();
        long at = NOW;
        for (int i = 0; i < 50; i++) {
            futures(at);
        }
        assertThat(sent).filteredOn(s -> s.startsWith("ALICE-DRV 8 0")).hasSize(50);
        futures(at);
        assertThat(last()).isEqualTo("ALICE-DRV j API_LIMIT_EXCEEDED");
        futures(at + 200_000_000L); // 0.2 s at 50 tokens/s: one order's 10 tokens
        assertThat(last()).startsWith("ALICE-DRV 8 0");
        futures(at + 200_000_000L);
        assertThat(last()).isEqualTo("ALICE-DRV j API_LIMIT_EXCEEDED");
        gw.disconnected(ALICE_DRV, at + 200_000_000L);
        gw.logonAccepted(ALICE_DRV, false, false, at + 200_000_000L);
        futures(at + 200_000_000L);
        assertThat(last()).as("a new logon does not refill the CompID's bucket").isEqualTo("ALICE-DRV j API_LIMIT_EXCEEDED");
        assertThat(gw.derivativesBuckets(at + 200_000_000L)).singleElement()
                .satisfies(b -> assertThat(b.refused()).isEqualTo(3));
    }

    private void futures(long at) {
        String id = ClOrdIdGenerator.combUuid(() -> Instant.EPOCH.plusNanos(at), new SplittableRandom(++ids)).next();
        NewOrder o = new NewOrder(id, "PF_XBTUSD", Side.BUY, OrdType.LIMIT, Decimal.parse("0.001"), Decimal.parse("80000"),
                null, TimeInForce.GOOD_TILL_CANCEL, io.fluxfix.model.event.Stamp.NO_TIME,
                io.fluxfix.model.event.Stamp.NO_TIME, io.fluxfix.model.event.Stamp.NO_TIME,
                ExecInstructions.of(ExecInstruction.SINGLE_FEE), null, null, null, false, null, at);
        gw.onApp(ALICE_DRV, h.message(ALICE_DRV, o), at);
    }

    // --- restarts -------------------------------------------------------------------------------------------

    @Test
    void aRestartRebuildsTheCountersFromTheJournal() {
        List<SpotRateLimits.CounterState> before;
        try (InputJournal journal = InputJournal.open(dir.resolve("journal"))) {
            start(journal);
            String a = add(ALICE, NOW);
            add(ALICE, "ETH/USD", "3000", NOW + SECOND);
            amend(ALICE, a, "0.002", NOW + 2 * SECOND);
            before = gw.spotRateCounters(NOW + 3 * SECOND);
        }
        assertThat(before).hasSize(2);
        try (InputJournal journal = InputJournal.open(dir.resolve("journal"))) {
            start(journal);
            gw.replay();
            assertThat(gw.spotRateCounters(NOW + 3 * SECOND)).isEqualTo(before);
        }
    }
}
