package io.fluxfix.orders;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.testkit.fix.VenueClocks;
import io.fluxfix.testkit.net.FreePorts;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;
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
 * The local venue on free ports over TLS with one funded account ({@code alice}) at a chosen Spot tier, on a clock
 * the venue and the client share — moved by hand ({@link #manual}) or the system's — and the client side against
 * it: a trading session journaling to a real Chronicle journal, wrapped as the sink's {@link OrderPort}. Both sides
 * roll over at {@link #rollover}: Kraken's 22:00 UTC on a hand-moved clock, and on the system's a time hours away
 * from now ({@link VenueClocks#rolloverAwayFrom}), so that a test run at 21:59 UTC sees no rollover.
 */
final class VenueClient {

    static final String KEY = "alice-key";
    static final String SECRET = "YWxpY2Utc2VjcmV0"; // base64 "alice-secret"
    static final String SESSION = "spot-trading";

    final AtomicReference<Instant> now;
    final InstantSource clock;
    final LocalVenue venue;
    final Path trustStore;
    final String compId;
    final LocalTime rollover;

    private VenueClient(Path tlsDir, Path dataDir, String compId, String tier, AtomicReference<Instant> now,
                        Map<String, String> extra) {
        this.now = now;
        this.clock = now == null ? InstantSource.system() : () -> now.get();
        this.compId = compId;
        this.rollover = now == null ? VenueClocks.rolloverAwayFrom(Instant.now()) : VenueClocks.KRAKEN_ROLLOVER;
        SelfSignedTls tls = SelfSignedTls.ensure(tlsDir, Duration.ofDays(30), Clock.systemUTC());
        this.trustStore = tls.trustStore();
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.port-base", Integer.toString(FreePorts.venueBase())),
                Map.entry("venue.data-dir", dataDir.toString()),
                Map.entry("venue.rollover-time", rollover.toString()),
                Map.entry("accounts.alice.spot-comp-id", compId),
                Map.entry("accounts.alice.derivatives-comp-id", compId + "-DRV"),
                Map.entry("accounts.alice.api-key", KEY),
                Map.entry("accounts.alice.api-secret", SECRET),
                Map.entry("accounts.alice.tier", tier),
                Map.entry("accounts.alice.balances.USD", "100000000"),
                Map.entry("accounts.alice.balances.BTC", "100"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
                Map.entry("instruments.BTC/USD.cost-min", "0.5")));
        m.putAll(extra);
        VenueConfig config = VenueConfig.read(ConfigSource.of("orders-test", m));
        this.venue = LocalVenue.start(config, new LocalVenue.Options(clock, false, LocalVenue.VenueTls.of(tls), false));
    }

    /** A venue on a clock the test moves. */
    static VenueClient manual(Path tlsDir, Path dataDir, String compId, String tier, Map<String, String> extra) {
        return new VenueClient(tlsDir, dataDir, compId, tier,
                new AtomicReference<>(Instant.parse("2026-03-03T10:00:00Z")), extra);
    }

    /** A venue on the system clock (for a client in another JVM). */
    static VenueClient system(Path tlsDir, Path dataDir, String compId, String tier, Map<String, String> extra) {
        return new VenueClient(tlsDir, dataDir, compId, tier, null, extra);
    }

    int port() {
        return venue.port(KrakenEndpoint.SPOT_TRADING);
    }

    static SessionConfig session(String host, int port, String compId, Path trustStore, LocalTime rollover) {
        KrakenSessionConfig c = new KrakenSessionConfig(SESSION, KrakenEndpoint.SPOT_TRADING, KrakenEnvironment.LOCAL,
                host, port, compId, KrakenEndpoint.SPOT_TRADING.targetCompId(), Duration.ofSeconds(30), false, true,
                Duration.ofSeconds(1), rollover,
                new KrakenSessionConfig.Tls(true, trustStore, SelfSignedTls.TRUST_STORE_PASSWORD, "PKCS12", true),
                Map.of());
        return SessionConfig.of(c).withReconnectMaxBackoff(Duration.ofSeconds(2));
    }

    static KrakenClient client(InstantSource clock, ChronicleJournal journal, Path storeDir, String host, int port,
                               String compId, Path trustStore, LocalTime rollover) {
        return KrakenClient.create(List.of(session(host, port, compId, trustStore, rollover)), DialectOptions.DEFAULTS, journal,
                new KrakenClient.Options(clock, Schedulers.parallel(), storeDir, storeDir.resolve("log"),
                        Map.of("KRAKEN_FIX_API_KEY", KEY, "KRAKEN_FIX_API_SECRET", SECRET), "orders-test"));
    }

    KrakenClient client(ChronicleJournal journal, Path storeDir) {
        return client(clock, journal, storeDir, "localhost", port(), compId, trustStore, rollover);
    }

    long venueNanos() {
        return venue.nowNanos();
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }
}
