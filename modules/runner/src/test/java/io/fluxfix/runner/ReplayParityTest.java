package io.fluxfix.runner;

import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.orders.Decision;
import io.fluxfix.orders.OrderPort;
import io.fluxfix.orders.OrderSink;
import io.fluxfix.orders.OrderSinkConfig;
import io.fluxfix.research.Replay;
import io.fluxfix.research.ReplayOptions;
import io.fluxfix.research.ReplayResult;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.strategy.Strategies;
import io.fluxfix.strategy.Strategy;
import io.fluxfix.strategy.StrategyRuntime;
import io.fluxfix.testkit.LeakCheck;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backtest/live parity: the quoter runs live against the local venue (its synthetic market, over TLS, through the
 * real sessions, order sink and strategy runtime, everything journaled), then {@code fluxfix replay --fills
 * recorded} over that journal must make the same decisions: the same commands, in the same order.
 */
@LeakCheck(allowThreads = "Java2D Disposer")
class ReplayParityTest {

    private static final String KEY = "parity-key";
    private static final String SECRET = "cGFyaXR5LXNlY3JldA=="; // base64 "parity-secret"
    private static final Map<String, String> PARAMS = Map.of("size", "0.01", "spread-bps", "10", "requote-bps", "2");

    @TempDir
    Path tmp;

    @Test
    void recordedReplayOfALiveQuoterRunReproducesItsCommands() throws Exception {
        Path journalDir = tmp.resolve("live-journal");
        SelfSignedTls tls = SelfSignedTls.ensure(tmp.resolve("tls"), Duration.ofDays(30), Clock.systemUTC());
        Map<String, String> c = LivingMarket.venue(tmp.resolve("venue"), "PARITY", 7, 40);
        c.put("accounts.quant.spot-comp-id", "PARITY");
        c.put("accounts.quant.api-key", KEY);
        c.put("accounts.quant.api-secret", SECRET);
        c.put("accounts.quant.tier", "pro");
        c.put("accounts.quant.balances.USD", "10000000");
        c.put("accounts.quant.balances.BTC", "100");
        VenueConfig config = VenueConfig.read(ConfigSource.of("parity-test", c));
        AtomicInteger sent = new AtomicInteger();
        try (LocalVenue venue = LocalVenue.start(config, new LocalVenue.Options(InstantSource.system(), true,
                LocalVenue.VenueTls.of(tls), false));
             ChronicleJournal journal = ChronicleJournal.open(journalDir)) {
            KrakenClient client = KrakenClient.create(List.of(
                            session("spot-md", KrakenEndpoint.SPOT_MARKET_DATA, venue, tls),
                            session("spot-trading", KrakenEndpoint.SPOT_TRADING, venue, tls)),
                    DialectOptions.DEFAULTS, journal, new KrakenClient.Options(InstantSource.system(),
                            Schedulers.parallel(), tmp.resolve("store"), tmp.resolve("log"),
                            Map.of("KRAKEN_FIX_API_KEY", KEY, "KRAKEN_FIX_API_SECRET", SECRET), "parity-test"));
            try {
                client.start();
                KrakenSession trading = client.session("spot-trading");
                KrakenSession md = client.session("spot-md");
                await().atMost(Duration.ofSeconds(30)).until(() -> trading.isLoggedOn() && md.isLoggedOn());
                OrderSink sink = new OrderSink(OrderSinkConfig.read(ConfigSource.of("parity-test",
                        Map.of("orders.spot.tier", "pro"))), List.of(port(trading)), OrderSink.Options.defaults()
                        .withMeters(new SimpleMeterRegistry())).start();
                Strategy quoter = Strategies.named("quoter").orElseThrow()
                        .create(List.of("BTC/USD"), ConfigSource.of("test", prefixed()).under("params"));
                StrategyRuntime.Inputs inputs = new StrategyRuntime.Inputs(
                        md.marketData(MarketDataRequest.l2("parity", 10, List.of("BTC/USD")))
                                .transform(Books.l2().precision("BTC/USD", 1, 8).build()),
                        Flux.never(), sink.orders(), s -> sink.positions().getOrDefault(s, Decimal.ZERO), Map.of(),
                        () -> sink.nextClOrdId(Market.SPOT));
                try (StrategyRuntime runtime = new StrategyRuntime("parity", "quoter", quoter, List.of("BTC/USD"),
                        ConfigSource.of("test", prefixed()).under("params"), inputs, cmd -> {
                            Decision d = sink.submit("spot-trading", cmd);
                            sent.incrementAndGet();
                            return d;
                        }, InstantSource.system(), new SimpleMeterRegistry(), new BookMetrics())) {
                    runtime.start();
                    await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 10);
                } finally {
                    sink.close();
                }
            } finally {
                client.close();
            }
        }

        ReplayResult r = Replay.run(ReplayOptions.of(journalDir, "quoter", PARAMS, tmp.resolve("replay"))
                .withFills(ReplayOptions.Fills.RECORDED));

        assertThat(r.parity().recorded()).isGreaterThanOrEqualTo(10);
        assertThat(r.parity().first()).as("first divergence").isNull();
        assertThat(r.parity().holds()).isTrue();
    }

    private static Map<String, String> prefixed() {
        Map<String, String> m = new java.util.TreeMap<>();
        PARAMS.forEach((k, v) -> m.put("params." + k, v));
        return m;
    }

    private static SessionConfig session(String name, KrakenEndpoint endpoint, LocalVenue venue, SelfSignedTls tls) {
        KrakenSessionConfig c = new KrakenSessionConfig(name, endpoint, KrakenEnvironment.LOCAL, "localhost",
                venue.port(endpoint), "PARITY", endpoint.targetCompId(), Duration.ofSeconds(30), false, true,
                Duration.ofSeconds(1), LivingMarket.ROLLOVER,
                new KrakenSessionConfig.Tls(true, tls.trustStore(), SelfSignedTls.TRUST_STORE_PASSWORD, "PKCS12", true),
                Map.of());
        return SessionConfig.of(c).withReconnectMaxBackoff(Duration.ofSeconds(2));
    }

    private static OrderPort port(KrakenSession s) {
        return new OrderPort() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public Market market() {
                return s.endpoint().market();
            }

            @Override
            public boolean isLoggedOn() {
                return s.isLoggedOn();
            }

            @Override
            public Mono<Void> send(OrderCommand command) {
                return s.send(command);
            }

            @Override
            public Flux<Event> orderEvents() {
                return s.orderEvents();
            }

            @Override
            public Flux<SessionEvent> sessionEvents() {
                return s.sessionEvents();
            }
        };
    }
}
