package io.fluxfix.venue.fix;

import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.TestInstruments;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.Order;
import io.fluxfix.venue.persist.InputJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.SessionID;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal rebuilds books, balances, session numbers and ClOrdID registries after a restart. */
class GatewayReplayTest {

    private static final long NOW = GatewayHarness.NOW;
    private static final SessionID ALICE = new SessionID("FIX.4.4", "KRAKEN-TRD", "ALICE");
    private static final SessionID BOB = new SessionID("FIX.4.4", "KRAKEN-TRD", "BOB");

    @TempDir
    Path dir;

    private final GatewayHarness h = new GatewayHarness();

    @Test
    void aRestartReplaysTheJournalToTheSameState() {
        VenueConfig config = config();
        List<String> sent = new ArrayList<>();
        Map<Market, MatchingEngine> engines;
        try (InputJournal journal = InputJournal.open(dir)) {
            engines = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, engines, journal);
            gw.sender((to, m) -> sent.add(to.getTargetCompID() + " " + GatewayHarness.type(m)));
            gw.logonAccepted(ALICE, true, false, NOW);
            gw.logonAccepted(BOB, false, false, NOW);
            gw.onApp(ALICE, h.message(ALICE, GatewayHarness.limit("1775572325000001", Side.SELL, "0.5", "84000")), NOW);
            gw.onApp(BOB, h.message(BOB, GatewayHarness.limit("1775572325000002", Side.BUY, "0.2", "84000")), NOW);
            gw.onApp(BOB, h.message(BOB, GatewayHarness.limit("1775572325000002", Side.BUY, "0.2", "84000")), NOW); // duplicate id
            gw.onApp(ALICE, h.message(ALICE, GatewayHarness.limit("1775572325000003", Side.SELL, "1", "85000")), NOW + 1);
            gw.disconnected(ALICE, NOW + 2); // CoD on: alice's two orders go
            gw.logonAccepted(ALICE, true, false, NOW + 3);
            gw.onApp(ALICE, h.message(ALICE, GatewayHarness.limit("1775572325000004", Side.SELL, "1", "86000")), NOW + 4);
        }
        assertThat(sent).contains("BOB j"); // the duplicate ClOrdID

        Map<Market, MatchingEngine> restarted;
        try (InputJournal journal = InputJournal.open(dir)) {
            restarted = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, restarted, journal);
            List<String> resent = new ArrayList<>();
            gw.sender((to, m) -> resent.add(GatewayHarness.type(m)));
            assertThat(gw.replay()).isEqualTo(9);
            assertThat(resent).as("replay sends nothing").isEmpty();
            assertThat(openOrders(restarted)).isEqualTo(openOrders(engines));
            assertThat(balances(restarted)).isEqualTo(balances(engines));
            // the registries came back too: bob's id is still taken, and alice is on her second logon
            gw.sender((to, m) -> resent.add(to.getTargetCompID() + " " + GatewayHarness.type(m)));
            gw.onApp(BOB, h.message(BOB, GatewayHarness.limit("1775572325000002", Side.BUY, "0.2", "84000")), NOW + 5);
            assertThat(resent).containsExactly("BOB j");
            assertThat(gw.sessions()).filteredOn(s -> s.get("compId").equals("ALICE"))
                    .singleElement().satisfies(s -> assertThat(s.get("instance")).isEqualTo(2L));
        }
    }

    @Test
    void aCleanLogoutIsReplayedAsCleanSoItsOrdersStayWhenTheDialectKeepsThem() {
        Map<String, String> m = new HashMap<>(baseConfig());
        m.put("dialect.cod.on-clean-logout", "false");
        VenueConfig config = VenueConfig.read(ConfigSource.of("t.yaml", m));
        Map<Market, MatchingEngine> engines;
        try (InputJournal journal = InputJournal.open(dir)) {
            engines = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, engines, journal);
            gw.logonAccepted(ALICE, true, false, NOW);
            gw.onApp(ALICE, h.message(ALICE, GatewayHarness.limit("1775572325000001", Side.SELL, "0.5", "84000")), NOW);
            gw.logoutSeen(ALICE);
            gw.disconnected(ALICE, NOW + 1);
            assertThat(openOrders(engines)).as("a clean Logout keeps the order").hasSize(1);
        }
        try (InputJournal journal = InputJournal.open(dir)) {
            Map<Market, MatchingEngine> restarted = GatewayHarness.engines(config);
            GatewayHarness.gateway(config, restarted, journal).replay();
            assertThat(openOrders(restarted)).as("and so does its replay").isEqualTo(openOrders(engines));
        }
    }

    @Test
    void expiriesOnTheVenueClockAndIndexPricesAreJournaledAndReplayed() {
        VenueConfig config = config();
        Map<Market, MatchingEngine> engines;
        long minute = 60_000_000_000L;
        try (InputJournal journal = InputJournal.open(dir)) {
            engines = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, engines, journal);
            List<String> sent = new ArrayList<>();
            gw.sender((to, m) -> sent.add(GatewayHarness.type(m) + " " + m.getOptionalString(150).orElse("")));
            gw.logonAccepted(ALICE, false, false, NOW);
            gw.onApp(ALICE, h.message(ALICE, gtd("1775572325000001", NOW + minute)), NOW);
            gw.onApp(ALICE, h.message(ALICE, gtd("1775572325000002", NOW + 2 * minute)), NOW);
            gw.onApp(ALICE, h.message(ALICE, new NewOrder("1775572325000003", "BTC/USD", Side.SELL, OrdType.STOP_LOSS,
                    Decimal.parse("0.1"), null, Decimal.parse("80000"), TimeInForce.GOOD_TILL_CANCEL, Stamp.NO_TIME,
                    Stamp.NO_TIME, Stamp.NO_TIME, ExecInstructions.NONE, null, TriggerReference.INDEX, null, false, null,
                    NOW)), NOW);
            gw.timePassed(NOW + minute - 1); // nothing due: nothing journaled
            gw.timePassed(NOW + minute);
            gw.timePassed(NOW + minute);
            gw.setIndexPrice("BTC/USD", Decimal.parse("79000"), NOW + minute);
            assertThat(sent).containsSubsequence("8 C", "8 D");
            assertThat(openOrders(engines)).hasSize(1);
        }
        try (InputJournal journal = InputJournal.open(dir)) {
            Map<Market, MatchingEngine> restarted = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, restarted, journal);
            assertThat(gw.replay()).as("logon, three orders, one expiry, one index price").isEqualTo(6);
            assertThat(openOrders(restarted)).isEqualTo(openOrders(engines));
            assertThat(balances(restarted)).isEqualTo(balances(engines));
            assertThat(restarted.get(Market.SPOT).nextTimedEvent()).isEqualTo(NOW + 2 * minute);
        }
    }

    @Test
    void theBackgroundMarketReplaysToTheSameBook() {
        Map<String, String> m = new HashMap<>(baseConfig());
        m.putAll(Map.of("venue.market.synthetic", "true",
                "accounts.market-maker.spot-comp-id", "MM", "accounts.market-maker.api-key", "mm",
                "accounts.market-maker.api-secret", "c2VjcmV0", "accounts.market-maker.balances.USD", "100000000",
                "accounts.market-maker.balances.BTC", "100000",
                "accounts.market-taker.spot-comp-id", "MT", "accounts.market-taker.api-key", "mt",
                "accounts.market-taker.api-secret", "c2VjcmV0", "accounts.market-taker.balances.USD", "100000000"));
        m.put("accounts.market-taker.balances.BTC", "100000");
        m.put("instruments.BTC/USD.reference-price", "84000");
        VenueConfig config = VenueConfig.read(ConfigSource.of("t.yaml", m));
        Map<Market, MatchingEngine> engines;
        int steps = 0;
        try (InputJournal journal = InputJournal.open(dir)) {
            engines = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, engines, journal);
            gw.background(Market.SPOT, new io.fluxfix.venue.market.SyntheticMarket(config, Market.SPOT, engines.get(Market.SPOT)));
            for (long t = NOW; t < NOW + 20_000_000_000L; t += 250_000_000L) {
                gw.backgroundStep(t);
                steps++;
            }
        }
        assertThat(engines.get(Market.SPOT).levels("BTC/USD", Side.BUY, 100)).hasSizeGreaterThanOrEqualTo(10);
        try (InputJournal journal = InputJournal.open(dir)) {
            Map<Market, MatchingEngine> restarted = GatewayHarness.engines(config);
            TradingGateway gw = GatewayHarness.gateway(config, restarted, journal);
            gw.background(Market.SPOT, new io.fluxfix.venue.market.SyntheticMarket(config, Market.SPOT, restarted.get(Market.SPOT)));
            assertThat(gw.replay()).as("one record per step that acted").isEqualTo(steps);
            assertThat(openOrders(restarted)).isEqualTo(openOrders(engines));
            assertThat(balances(restarted)).isEqualTo(balances(engines));
        }
    }

    private static NewOrder gtd(String clOrdId, long expire) {
        return new NewOrder(clOrdId, "BTC/USD", Side.BUY, OrdType.LIMIT, Decimal.parse("0.1"), Decimal.parse("83000"),
                null, TimeInForce.GOOD_TILL_DATE, expire, Stamp.NO_TIME, Stamp.NO_TIME, ExecInstructions.NONE, null,
                null, null, false, null, NOW);
    }

    private List<String> openOrders(Map<Market, MatchingEngine> engines) {
        List<String> out = new ArrayList<>();
        for (Order o : engines.get(Market.SPOT).openOrders()) {
            out.add(o.orderId() + " " + o.clOrdId() + " " + o.qty() + " " + o.filled() + " " + o.price());
        }
        return out;
    }

    private Map<String, String> balances(Map<Market, MatchingEngine> engines) {
        Map<String, String> out = new HashMap<>();
        engines.get(Market.SPOT).balances().forEach((acct, assets) -> assets.forEach((asset, v) ->
                out.put(acct + "." + asset, v[0] + "/" + v[1])));
        return out;
    }

    private VenueConfig config() {
        return VenueConfig.read(ConfigSource.of("t.yaml", baseConfig()));
    }

    private Map<String, String> baseConfig() {
        Map<String, String> m = new HashMap<>(TestInstruments.config("BTC/USD"));
        m.putAll(Map.ofEntries(
                Map.entry("venue.tls", "false"),
                Map.entry("venue.data-dir", dir.toString()),
                Map.entry("accounts.alice.spot-comp-id", "ALICE"),
                Map.entry("accounts.alice.api-key", "ka"),
                Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("accounts.alice.balances.BTC", "10"),
                Map.entry("accounts.bob.spot-comp-id", "BOB"),
                Map.entry("accounts.bob.api-key", "kb"),
                Map.entry("accounts.bob.api-secret", "c2VjcmV0"),
                Map.entry("accounts.bob.balances.USD", "1000000")));
        return m;
    }
}
