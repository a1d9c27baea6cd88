package io.fluxfix.venue.market;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The venue's background market: a realistic book that moves and trades, the same for the same seed. */
class SyntheticMarketTest {

    private static final long START = 1_775_572_325_000_000_000L;
    private static final long TICK = 250_000_000L;

    private static VenueConfig config(int seed) {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.market.synthetic", "true"),
                Map.entry("venue.market.seed", Integer.toString(seed)),
                Map.entry("accounts.alice.spot-comp-id", "ALICE"),
                Map.entry("accounts.alice.api-key", "ka"),
                Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("assets.BTC.decimals", "10"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0002"),
                Map.entry("instruments.BTC/USD.reference-price", "84000")));
        m.putAll(io.fluxfix.venue.BackgroundAccounts.config("1000000000", "100000"));
        return VenueConfig.read(ConfigSource.of("t.yaml", m));
    }

    /** Runs a minute of background market at the venue clock's 250 ms steps; returns every report, in order. */
    private static List<ExecutionReport> minute(MatchingEngine engine, SyntheticMarket market, Run check) {
        List<ExecutionReport> reports = new ArrayList<>();
        for (long t = START; t <= START + 60_000_000_000L; t += TICK) {
            if (market.due(t)) {
                market.step(t, (compId, er) -> reports.add(er.toExecutionReport()));
            }
            check.after(engine, t);
        }
        return reports;
    }

    interface Run {
        void after(MatchingEngine engine, long t);
    }

    @Test
    void theBookIsQuotedDeepAndTightWithManyMinimumOrdersNearTheTouch() {
        VenueConfig config = config(7);
        MatchingEngine engine = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
        SyntheticMarket market = new SyntheticMarket(config, Market.SPOT, engine);
        BigDecimal qtyMin = new BigDecimal("0.0002");
        List<BigDecimal> mids = new ArrayList<>();
        List<ExecutionReport> reports = minute(engine, market, (e, t) -> {
            List<Decimal[]> bids = e.levels("BTC/USD", Side.BUY, 1000);
            List<Decimal[]> asks = e.levels("BTC/USD", Side.SELL, 1000);
            assertThat(bids.size()).as("bid levels at %d", t).isGreaterThanOrEqualTo(10);
            assertThat(asks.size()).as("ask levels at %d", t).isGreaterThanOrEqualTo(10);
            BigDecimal bid = bids.get(0)[0].toBigDecimal();
            BigDecimal ask = asks.get(0)[0].toBigDecimal();
            assertThat(bid).as("never crossed").isLessThan(ask);
            BigDecimal near = BigDecimal.ZERO;
            for (Decimal[] l : bids) {
                if (l[0].toBigDecimal().compareTo(bid.multiply(new BigDecimal("0.99"))) >= 0) {
                    near = near.add(l[1].toBigDecimal());
                }
            }
            assertThat(near).as("bid liquidity within 1%% of the touch").isGreaterThan(qtyMin.multiply(BigDecimal.valueOf(50)));
            mids.add(bid.add(ask).divide(BigDecimal.valueOf(2)));
        });
        assertThat(engine.ordersKept()).as("finished background orders are not kept all day")
                .isLessThan(2 * SyntheticMarket.MAX_OWN_ORDERS);
        long trades = reports.stream().filter(r -> r.isFill() && r.liquidity() == Liquidity.TAKER).count();
        assertThat(trades).as("trades in a minute").isGreaterThan(60);
        assertThat(reports.stream().filter(r -> r.isFill() && r.liquidity() == Liquidity.TAKER)
                .map(r -> r.orderId()).distinct().count()).as("takers and sweeps").isGreaterThan(40);
        assertThat(mids.stream().distinct().count()).as("the mid moves").isGreaterThan(20);
        assertThat(mids.get(mids.size() - 1).subtract(new BigDecimal("84000")).abs())
                .as("and stays a realistic market").isLessThan(new BigDecimal("2000"));

        // a client order meets the background like anyone's
        List<ExecutionReport> mine = new ArrayList<>();
        NewOrder buy = NewOrder.market("1", "BTC/USD", Side.BUY, Decimal.parse("0.01"), ExecInstructions.NONE, START);
        assertThat(engine.submit(buy, new OrderOrigin("alice", "ALICE", 1), true, START + 61_000_000_000L,
                (c, er) -> mine.add(er.toExecutionReport()))).isNull();
        assertThat(mine.get(mine.size() - 1).cumQty()).isEqualTo(Decimal.parse("0.01"));
    }

    @Test
    void theSameSeedAndClockGiveTheSameMarketAndAnotherSeedAnother() {
        List<String> first = trace(config(7));
        List<String> again = trace(config(7));
        List<String> other = trace(config(8));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<String> trace(VenueConfig config) {
        MatchingEngine engine = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
        SyntheticMarket market = new SyntheticMarket(config, Market.SPOT, engine);
        List<String> out = new ArrayList<>();
        for (ExecutionReport r : minute(engine, market, (e, t) -> { })) {
            out.add(r.orderId() + " " + r.execType() + " " + r.lastPx() + " " + r.lastQty() + " " + r.price());
        }
        return out;
    }

    @Test
    void itsAccountsMustBeConfigured() {
        Map<String, String> m = new HashMap<>(Map.of(
                "venue.market.synthetic", "true",
                "accounts.a.spot-comp-id", "A", "accounts.a.api-key", "k", "accounts.a.api-secret", "c2VjcmV0",
                "instruments.BTC/USD.price-precision", "1", "instruments.BTC/USD.qty-precision", "8",
                "instruments.BTC/USD.tick-size", "0.1", "instruments.BTC/USD.qty-min", "0.0001"));
        assertThatThrownBy(() -> VenueConfig.read(ConfigSource.of("v.yaml", m)))
                .hasMessage("v.yaml: venue.market.maker-account: no account 'market-maker' is configured");
    }
}
