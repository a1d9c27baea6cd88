package io.fluxfix.bench;

import io.fluxfix.model.Market;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.fix.GatewayMetrics;
import io.fluxfix.venue.fix.MarketDataGateway;
import io.fluxfix.venue.fix.TradingGateway;
import io.fluxfix.venue.market.SyntheticMarket;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import quickfix.Message;
import quickfix.SessionID;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many market-data messages per second the local venue publishes to one Level 2 subscriber, at depth 10
 * and at depth 1000: each operation is one input of the background market (25 ms of venue time at 1000
 * actions per second: orders, cancels, trades and sweeps on BTC/USD), after which the venue compares the
 * subscription's top levels with what it sent and writes the 35=X as FIX text. Excluded: QuickFIX/J's session
 * layer (sequence numbers, store) and the socket; {@code docs/benchmarks.md} has the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2)
@State(Scope.Thread)
public class MarketDataBenchmark {

    static final long STEP = 25_000_000L;

    @Param({"10", "1000"})
    public int depth;

    TradingGateway gateway;
    long now = 1_775_572_325_000_000_000L;
    long messages;
    long bytes;

    /** Messages and bytes written per second, next to the inputs per second JMH counts. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Written {
        public long messages;
        public long bytes;

        @Setup(Level.Iteration)
        public void clean() {
            messages = 0;
            bytes = 0;
        }
    }

    static VenueConfig config() {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.tls", "false"),
                Map.entry("venue.persistence", "false"),
                Map.entry("venue.market.synthetic", "true"),
                Map.entry("venue.market.actions-per-second", "1000"),
                Map.entry("accounts.market-maker.spot-comp-id", "MM"),
                Map.entry("accounts.market-maker.api-key", "mm"),
                Map.entry("accounts.market-maker.api-secret", "c2VjcmV0"),
                Map.entry("accounts.market-maker.balances.USD", "10000000000"),
                Map.entry("accounts.market-maker.balances.BTC", "1000000"),
                Map.entry("accounts.market-taker.spot-comp-id", "MT"),
                Map.entry("accounts.market-taker.api-key", "mt"),
                Map.entry("accounts.market-taker.api-secret", "c2VjcmV0"),
                Map.entry("accounts.market-taker.balances.USD", "10000000000"),
                Map.entry("accounts.market-taker.balances.BTC", "1000000"),
                Map.entry("accounts.client.spot-comp-id", "CLIENT"),
                Map.entry("accounts.client.api-key", "c"),
                Map.entry("accounts.client.api-secret", "c2VjcmV0"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("assets.BTC.decimals", "10"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0002"),
                Map.entry("instruments.BTC/USD.reference-price", "84000")));
        return VenueConfig.read(ConfigSource.of("bench", m));
    }

    Written written;

    @Setup(Level.Trial)
    public void start() {
        VenueConfig config = config();
        Map<Market, MatchingEngine> engines = new EnumMap<>(Market.class);
        for (Market mk : Market.values()) {
            engines.put(mk, new MatchingEngine(mk, config, TradingDay.KRAKEN));
        }
        gateway = new TradingGateway(config, engines, null, () -> Instant.EPOCH.plusNanos(now), TradingDay.KRAKEN,
                GatewayMetrics.NONE);
        gateway.background(Market.SPOT, new SyntheticMarket(config, Market.SPOT, engines.get(Market.SPOT)));
        MarketDataGateway md = new MarketDataGateway(config, engines, gateway, TradingDay.KRAKEN);
        gateway.marketData(md);
        md.sender(this::written);
        for (int i = 0; i < 40; i++) { // a book before the subscription
            now += STEP;
            gateway.backgroundStep(now);
        }
        SessionID client = new SessionID("FIX.4.4", "KRAKEN-MD", "CLIENT");
        md.loggedOn(client, Market.SPOT);
        Message request = new KrakenEncoder().encode(MarketDataRequest.l2("bench", depth, List.of("BTC/USD")));
        request.getHeader().setString(KrakenTags.MSG_SEQ_NUM, "2");
        md.onApp(client, request, now);
    }

    private void written(SessionID to, Message m) {
        String fix = m.toString(); // what the session would write (header and trailer added there)
        if (written != null) {
            written.messages++;
            written.bytes += fix.length();
        }
    }

    /** One input of the background market and what the subscriber is sent for it. */
    @Benchmark
    public void input(Written w) {
        written = w;
        now += STEP;
        gateway.backgroundStep(now);
    }
}
