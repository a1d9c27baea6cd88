package io.fluxfix.runner;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.research.Replay;
import io.fluxfix.research.ReplayOptions;
import io.fluxfix.research.ReplayResult;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.testkit.LeakCheck;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated replay over an L3 journal written by the local venue: its living market recorded through the real
 * market-data sessions — Level 3 on the L3 port, and Level 2 with the trades (which Kraken does not send on L3) on
 * the L2 port — then replayed with the quoter. {@code --book auto} must pick L3 from the journaled subscriptions,
 * build it from the L3 session alone, and fill the quoter both from the L3 book and from the recorded trades; the
 * replay is deterministic.
 */
@LeakCheck(allowThreads = "Java2D Disposer")
class ReplayL3Test {

    private static final Map<String, String> PARAMS = Map.of("size", "0.01", "spread-bps", "1", "requote-bps", "1");

    @TempDir
    Path tmp;

    @Test
    void aReplayOfAnL3RecordingOfTheLocalVenueFillsFromTheL3BookAndTheTapeDeterministically() throws Exception {
        Path journalDir = record(tmp.resolve("recorded"));
        ReplayResult a = Replay.run(ReplayOptions.of(journalDir, "quoter", PARAMS, tmp.resolve("a")));
        ReplayResult b = Replay.run(ReplayOptions.of(journalDir, "quoter", PARAMS, tmp.resolve("b")));
        ReplayResult l2 = Replay.run(ReplayOptions.of(journalDir, "quoter", PARAMS, tmp.resolve("l2"))
                .withBook(ReplayOptions.BookLevel.L2));

        assertThat(a.bookLevel()).isEqualTo("L3");
        assertThat(a.fillSources()).as("fills by source: %s", a.fillSources()).containsKeys("tape", "book");
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(Files.readAllBytes(tmp.resolve("b/summary.json")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/summary.json")));
        assertThat(Files.readAllBytes(tmp.resolve("b/fills.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/fills.csv")));
        assertThat(Files.readString(tmp.resolve("a/summary.json"))).contains("\"book\" : \"L3\"", "\"tape\" :");
        // the same recording through the L2 book of the L2 session (the conservative model)
        assertThat(l2.bookLevel()).isEqualTo("L2");
        assertThat(l2.fills()).isNotEmpty();
    }

    /** Records the venue's market on an L3 and an L2 (with trades) session until both have carried enough. */
    private Path record(Path journalDir) throws Exception {
        Map<String, String> c = LivingMarket.venue(tmp.resolve("venue"), "L3REPLAY", 11, 200);
        c.put("venue.tls", "false");
        c.put("accounts.quant.spot-comp-id", "L3REPLAY");
        c.put("accounts.quant.api-key", "l3-key");
        c.put("accounts.quant.api-secret", "bDMtc2VjcmV0");
        VenueConfig config = VenueConfig.read(ConfigSource.of("l3-replay-test", c));
        AtomicLong trades = new AtomicLong();
        AtomicLong l3Updates = new AtomicLong();
        try (LocalVenue venue = LocalVenue.start(config, new LocalVenue.Options(InstantSource.system(), true,
                null, false));
             ChronicleJournal journal = ChronicleJournal.open(journalDir)) {
            KrakenClient client = KrakenClient.create(List.of(
                            session("spot-md", KrakenEndpoint.SPOT_MARKET_DATA, venue),
                            session("spot-md-l3", KrakenEndpoint.SPOT_MARKET_DATA_L3, venue)),
                    DialectOptions.DEFAULTS, journal, new KrakenClient.Options(InstantSource.system(),
                            Schedulers.parallel(), tmp.resolve("store"), tmp.resolve("log"), Map.of(),
                            "l3-replay-test"));
            Disposable subscriptions = null;
            try {
                client.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> client.session("spot-md").isLoggedOn()
                        && client.session("spot-md-l3").isLoggedOn());
                subscriptions = Flux.merge(
                        client.session("spot-md").marketData(MarketDataRequest.l2("l2", 10, List.of("BTC/USD")))
                                .doOnNext(e -> {
                                    if (e instanceof MarketDataIncrement inc) {
                                        trades.addAndGet(inc.entries().stream()
                                                .filter(x -> x.type() == MdEntryType.TRADE).count());
                                    }
                                }),
                        client.session("spot-md-l3").marketData(MarketDataRequest.l3("l3", 10, List.of("BTC/USD")))
                                .doOnNext(e -> l3Updates.incrementAndGet()))
                        .subscribe();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new long[] {trades.get(),
                        l3Updates.get()}).as("trades, L3 events").satisfies(n -> {
                            assertThat(n[0]).isGreaterThanOrEqualTo(30);
                            assertThat(n[1]).isGreaterThanOrEqualTo(24);
                        }));
            } finally {
                if (subscriptions != null) {
                    subscriptions.dispose();
                }
                client.close();
            }
        }
        return journalDir;
    }

    private static SessionConfig session(String name, KrakenEndpoint endpoint, LocalVenue venue) {
        KrakenSessionConfig c = new KrakenSessionConfig(name, endpoint, KrakenEnvironment.LOCAL, "localhost",
                venue.port(endpoint), "L3REPLAY", endpoint.targetCompId(), Duration.ofSeconds(30), false, true,
                Duration.ofSeconds(1), LivingMarket.ROLLOVER, new KrakenSessionConfig.Tls(false, null, null, null, false),
                Map.of());
        return SessionConfig.of(c).withReconnectMaxBackoff(Duration.ofSeconds(2));
    }
}
