package io.fluxfix.venue.wire;

import io.fluxfix.testkit.net.FreePorts;
import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.testkit.fix.VenueClocks;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running local venue for wire-level tests: a free port base on loopback, TLS with a certificate made once
 * per test class, two funded accounts, and a clock the test moves by hand (it starts at the real time, because
 * QuickFIX/J checks SendingTime against the system clock).
 */
final class VenueFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ALICE = "ALICE";
    static final String ALICE_DRV = "ALICE-DRV";
    static final String BOB = "BOB";
    static final String SECRET_A = "YWxpY2Utc2VjcmV0"; // base64 "alice-secret"
    static final String SECRET_B = "Ym9iLXNlY3JldA==";  // base64 "bob-secret"

    final AtomicReference<Instant> now = new AtomicReference<>(VenueClocks.awayFromTheDailyRollover(Instant.now()));
    final InstantSource clock = now::get;
    final LocalVenue venue;
    final Path trustStore;

    VenueFixture(Path tlsDir, Path dataDir, Map<String, String> overrides) {
        SelfSignedTls tls = SelfSignedTls.ensure(tlsDir, Duration.ofDays(30), Clock.systemUTC());
        this.trustStore = tls.trustStore();
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.port-base", Integer.toString(FreePorts.venueBase())),
                Map.entry("venue.data-dir", dataDir.toString()),
                Map.entry("accounts.alice.spot-comp-id", ALICE),
                Map.entry("accounts.alice.derivatives-comp-id", ALICE_DRV),
                Map.entry("accounts.alice.api-key", "alice-key"),
                Map.entry("accounts.alice.api-secret", SECRET_A),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("accounts.alice.balances.BTC", "10"),
                Map.entry("accounts.alice.collateral", "1000000"),
                Map.entry("accounts.bob.spot-comp-id", BOB),
                Map.entry("accounts.bob.derivatives-comp-id", "BOB-DRV"),
                Map.entry("accounts.bob.api-key", "bob-key"),
                Map.entry("accounts.bob.api-secret", SECRET_B),
                Map.entry("accounts.bob.balances.USD", "1000000"),
                Map.entry("accounts.bob.balances.BTC", "10"),
                Map.entry("accounts.bob.collateral", "1000000"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"),
                Map.entry("instruments.BTC/USD.cost-min", "0.5"),
                Map.entry("instruments.PF_XBTUSD.price-precision", "0"),
                Map.entry("instruments.PF_XBTUSD.qty-precision", "4"),
                Map.entry("instruments.PF_XBTUSD.tick-size", "1"),
                Map.entry("instruments.PF_XBTUSD.qty-min", "0.0001")));
        m.putAll(overrides);
        VenueConfig config = VenueConfig.read(ConfigSource.of("wire-test", m));
        this.venue = LocalVenue.start(config, new LocalVenue.Options(clock, false,
                config.tls() ? LocalVenue.VenueTls.of(tls) : null, true));
    }

    int port(KrakenEndpoint e) {
        return venue.port(e);
    }

    /** A connection to the Spot trading port as {@code compId}, not yet logged on. */
    FixConnection spot(String compId) {
        return connect(KrakenEndpoint.SPOT_TRADING, compId);
    }

    FixConnection connect(KrakenEndpoint endpoint, String compId) {
        FixConnection c = venue.config().tls()
                ? FixConnection.tls("localhost", port(endpoint), trustStore, SelfSignedTls.TRUST_STORE_PASSWORD)
                : FixConnection.plain("localhost", port(endpoint));
        return c.senderCompId(compId).targetCompId(endpoint.targetCompId());
    }

    /** Sends a correctly signed Kraken trading Logon (nonce from the venue clock) and awaits the answer. */
    FixMessage logon(FixConnection c, String apiKey, String secret, String... extra) {
        return logonSigning(c, c.targetCompId(), apiKey, secret, extra);
    }

    /** A trading Logon whose password signs {@code signedTarget} as the TargetCompID; awaits the answer. */
    FixMessage logonSigning(FixConnection c, String signedTarget, String apiKey, String secret, String... extra) {
        advance(Duration.ofMillis(1)); // like a real clock between two logons: Kraken wants the nonce to increase
        String nonce = Long.toString(now.get().toEpochMilli());
        String password = LogonSignature.sign(apiKey, ApiSecret.ofBase64(secret), c.msgSeqNum(),
                c.senderCompId(), signedTarget, nonce);
        String[] fields = new String[extra.length + 1];
        fields[0] = "553=" + apiKey + "|554=" + password + "|5025=" + nonce;
        System.arraycopy(extra, 0, fields, 1, extra.length);
        c.logon(fields);
        return c.awaitMessage(m -> m.msgType().equals("A") || m.msgType().equals("5"), WAIT);
    }

    FixMessage logonAlice(FixConnection c, String... extra) {
        return logon(c, "alice-key", SECRET_A, extra);
    }

    FixMessage logonBob(FixConnection c, String... extra) {
        return logon(c, "bob-key", SECRET_B, extra);
    }

    /** The next numeric ClOrdID, as Kraken's Spot examples use (microseconds of the venue clock, increasing). */
    String clOrdId() {
        long micros = now.get().toEpochMilli() * 1000 + ids.incrementAndGet();
        return Long.toString(micros);
    }

    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    static String transactTime(Instant t) {
        return FixConnection.utcTimestamp(t);
    }

    String transactTime() {
        return transactTime(now.get());
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public void close() {
        venue.close();
    }
}
