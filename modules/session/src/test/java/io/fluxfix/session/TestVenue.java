package io.fluxfix.session;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.testkit.net.FreePorts;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;
import io.fluxfix.testkit.fix.VenueClocks;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local venue on free ports over TLS (a certificate made at run time), two funded Pro-tier accounts, and
 * a clock shared by venue and client that a test moves by hand; plus builders for client sessions against it.
 */
final class TestVenue implements AutoCloseable {

    static final String ALICE_KEY = "alice-key";
    static final String ALICE_SECRET = "YWxpY2Utc2VjcmV0"; // base64 "alice-secret"
    static final String BOB_KEY = "bob-key";
    static final String BOB_SECRET = "Ym9iLXNlY3JldA==";   // base64 "bob-secret"

    final AtomicReference<Instant> now = new AtomicReference<>(VenueClocks.awayFromTheDailyRollover(Instant.now()));
    final InstantSource clock = () -> now.get();
    final LocalVenue venue;
    final Path trustStore;
    final String alice;
    final String bob;

    /** @param prefix makes this venue's CompIDs unique in the JVM (QuickFIX/J keeps a JVM-wide session registry) */
    TestVenue(Path tlsDir, Path dataDir, String prefix) {
        SelfSignedTls tls = SelfSignedTls.ensure(tlsDir, Duration.ofDays(30), Clock.systemUTC());
        this.trustStore = tls.trustStore();
        this.alice = prefix + "A";
        this.bob = prefix + "B";
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.port-base", Integer.toString(FreePorts.venueBase())),
                Map.entry("venue.data-dir", dataDir.toString()),
                Map.entry("accounts.alice.spot-comp-id", alice),
                Map.entry("accounts.alice.derivatives-comp-id", alice + "-DRV"),
                Map.entry("accounts.alice.api-key", ALICE_KEY),
                Map.entry("accounts.alice.api-secret", ALICE_SECRET),
                Map.entry("accounts.alice.tier", "pro"),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("accounts.alice.balances.BTC", "10"),
                Map.entry("accounts.alice.collateral", "1000000"),
                Map.entry("accounts.bob.spot-comp-id", bob),
                Map.entry("accounts.bob.derivatives-comp-id", bob + "-DRV"),
                Map.entry("accounts.bob.api-key", BOB_KEY),
                Map.entry("accounts.bob.api-secret", BOB_SECRET),
                Map.entry("accounts.bob.tier", "pro"),
                Map.entry("accounts.bob.balances.USD", "1000000"),
                Map.entry("accounts.bob.balances.BTC", "10"),
                Map.entry("accounts.bob.collateral", "1000000"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
                Map.entry("instruments.BTC/USD.cost-min", "0.5"),
                // Kraken Futures' contract spec (config/venue-local.yaml): tick 1 USD, 0.0001 BTC
                Map.entry("instruments.PF_XBTUSD.price-precision", "0"),
                Map.entry("instruments.PF_XBTUSD.qty-precision", "4"),
                Map.entry("instruments.PF_XBTUSD.tick-size", "1"),
                Map.entry("instruments.PF_XBTUSD.qty-min", "0.0001"),
                Map.entry("instruments.PF_XBTUSD.reference-price", "84000")));
        VenueConfig config = VenueConfig.read(ConfigSource.of("session-test", m));
        this.venue = LocalVenue.start(config, new LocalVenue.Options(clock, false, LocalVenue.VenueTls.of(tls), false));
    }

    /** A client session to this venue with a one-second first backoff and a two-second cap. */
    SessionConfig session(String name, KrakenEndpoint endpoint, String compId) {
        KrakenSessionConfig c = new KrakenSessionConfig(name, endpoint, KrakenEnvironment.LOCAL, "localhost",
                venue.port(endpoint), compId, endpoint.targetCompId(), Duration.ofSeconds(30), false, true,
                Duration.ofSeconds(1), LocalTime.of(22, 0),
                new KrakenSessionConfig.Tls(true, trustStore, SelfSignedTls.TRUST_STORE_PASSWORD, "PKCS12", true),
                Map.of());
        return SessionConfig.of(c).withReconnectMaxBackoff(Duration.ofSeconds(2));
    }

    KrakenClient client(List<SessionConfig> sessions, TestJournal journal, Map<String, String> env,
                        Path storeDir, Path logDir) {
        return client(sessions, journal, env, storeDir, logDir, null);
    }

    /** @param meters where the sessions' meters go, or null */
    KrakenClient client(List<SessionConfig> sessions, TestJournal journal, Map<String, String> env,
                        Path storeDir, Path logDir, MeterRegistry meters) {
        return KrakenClient.create(sessions, DialectOptions.DEFAULTS, journal.journal,
                new KrakenClient.Options(clock, Schedulers.parallel(), storeDir, logDir, env, "session-test")
                        .withMeters(meters));
    }

    static Map<String, String> env(String key, String secret) {
        return Map.of("KRAKEN_FIX_API_KEY", key, "KRAKEN_FIX_API_SECRET", secret);
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public void close() {
        venue.close();
    }
}
