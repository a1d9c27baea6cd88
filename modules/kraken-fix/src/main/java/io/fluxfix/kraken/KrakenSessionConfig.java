package io.fluxfix.kraken;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One FIX session to a Kraken endpoint, as a user configures it (in YAML under {@code sessions.<name>.}); a
 * user never edits a QuickFIX/J .cfg — {@link KrakenSessionSettings} builds one from this. Expert QuickFIX/J
 * settings pass through unchanged under {@code quickfixj.<Setting>}.
 */
public record KrakenSessionConfig(
        String name,
        KrakenEndpoint endpoint,
        KrakenEnvironment environment,
        String host,
        int port,
        String senderCompId,
        String targetCompId,
        Duration heartbeat,
        boolean resetOnLogon,
        boolean cancelOnDisconnect,
        Duration reconnectInterval,
        LocalTime rolloverUtc,
        Tls tls,
        Map<String, String> quickfixj) {

    /**
     * @param trustStore the PKCS12 trust store holding the venue's certificate or its CA; required with TLS
     */
    public record Tls(boolean enabled, Path trustStore, String trustStorePassword, String trustStoreType,
                      boolean verifyHostname) {
    }

    public static final ConfigKey<KrakenEndpoint> ENDPOINT = ConfigKey.enumeration("endpoint", KrakenEndpoint.class,
            null, "Which Kraken endpoint: spot-trading, spot-market-data, spot-market-data-l3, derivatives-trading, "
                    + "derivatives-market-data, derivatives-market-data-l3.");
    public static final ConfigKey<KrakenEnvironment> ENVIRONMENT = ConfigKey.enumeration("environment",
            KrakenEnvironment.class, KrakenEnvironment.LOCAL,
            "Kraken production, Kraken UAT or the local venue; picks the default host.");
    public static final ConfigKey<String> HOST = ConfigKey.string("host", "",
            "Host to connect to; empty = the environment's host (see dialect.host.kind). Resolved at every connect.");
    public static final ConfigKey<Integer> PORT_BASE = ConfigKey.integer("port-base", KrakenEndpoint.KRAKEN_PORT_BASE,
            1, 65_530, "Port of the endpoint at offset 0 (Kraken: 4000); the session's port is this plus the endpoint's offset.");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("port", 0, 0, 65_535,
            "Explicit port; 0 = port-base plus the endpoint's offset.");
    public static final ConfigKey<String> SENDER_COMP_ID = ConfigKey.string("sender-comp-id", null,
            "Our SenderCompID, assigned by Kraken (Derivatives ones carry a DRV suffix).");
    public static final ConfigKey<String> TARGET_COMP_ID = ConfigKey.string("target-comp-id", "",
            "Kraken's CompID; empty = the endpoint's (KRAKEN-TRD, KRAKEN-MD, KRAKEN-DRV-TRD, KRAKEN-DRV-MD).");
    public static final ConfigKey<Duration> HEARTBEAT = ConfigKey.duration("heartbeat", Duration.ofSeconds(60),
            "HeartBtInt sent on Logon, whole seconds (Kraken recommends 60).");
    public static final ConfigKey<Boolean> RESET_ON_LOGON = ConfigKey.bool("reset-on-logon", false,
            "Send ResetSeqNumFlag=Y on every Logon; off keeps sequence numbers so Kraken replays missed execution reports.");
    public static final ConfigKey<Boolean> CANCEL_ON_DISCONNECT = ConfigKey.bool("cancel-on-disconnect", true,
            "Ask Kraken to cancel this session's orders when the connection drops (Logon 8674=0); false sends 8674=1.");
    public static final ConfigKey<Duration> RECONNECT_INTERVAL = ConfigKey.duration("reconnect-interval",
            Duration.ofSeconds(5), "Wait between reconnect attempts, whole seconds.");
    public static final ConfigKey<LocalTime> ROLLOVER_TIME = ConfigKey.timeOfDay("rollover-time", LocalTime.of(22, 0),
            "UTC time of Kraken's daily session rollover, when sequence numbers restart.");
    public static final ConfigKey<Boolean> TLS_ENABLED = ConfigKey.bool("tls.enabled", true,
            "Use TLS (Kraken refuses plain TCP); false is for debugging against the local venue only.");
    public static final ConfigKey<String> TLS_TRUST_STORE = ConfigKey.string("tls.trust-store", "",
            "PKCS12 trust store with the venue's certificate or CA; required with TLS. Start-up refuses a missing or unreadable file.");
    public static final ConfigKey<String> TLS_TRUST_STORE_PASSWORD = ConfigKey.string("tls.trust-store-password",
            "changeit", "Password of the trust store (it holds only public certificates).");
    public static final ConfigKey<String> TLS_TRUST_STORE_TYPE = ConfigKey.string("tls.trust-store-type", "PKCS12",
            "Trust store format.");
    public static final ConfigKey<Boolean> TLS_VERIFY_HOSTNAME = ConfigKey.bool("tls.verify-hostname", true,
            "Check that the certificate names the host (HTTPS endpoint identification).");

    /** Keys under this prefix go to QuickFIX/J as they are, e.g. {@code quickfixj.SocketTcpNoDelay: Y}. */
    public static final String QUICKFIXJ_PREFIX = "quickfixj.";

    public static final List<ConfigKey<?>> KEYS = List.of(ENDPOINT, ENVIRONMENT, HOST, PORT_BASE, PORT,
            SENDER_COMP_ID, TARGET_COMP_ID, HEARTBEAT, RESET_ON_LOGON, CANCEL_ON_DISCONNECT, RECONNECT_INTERVAL,
            ROLLOVER_TIME, TLS_ENABLED, TLS_TRUST_STORE, TLS_TRUST_STORE_PASSWORD, TLS_TRUST_STORE_TYPE,
            TLS_VERIFY_HOSTNAME);

    public KrakenSessionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tls, "tls");
        quickfixj = Map.copyOf(quickfixj);
    }

    /**
     * Reads session {@code name} from {@code source} (keys relative to the session, e.g. {@code endpoint});
     * every problem is one {@link ConfigException} line naming the file and the full key.
     */
    public static KrakenSessionConfig read(String name, ConfigSource source, DialectOptions dialect) {
        Map<String, String> expert = new TreeMap<>();
        for (String k : source.keys()) {
            if (k.startsWith(QUICKFIXJ_PREFIX)) {
                expert.put(k.substring(QUICKFIXJ_PREFIX.length()), source.get(k).orElse(""));
            }
        }
        ConfigSource known = source.filtered(k -> !k.startsWith(QUICKFIXJ_PREFIX));
        ConfigKey.rejectUnknown(known, KEYS);
        KrakenEndpoint endpoint = ENDPOINT.read(source);
        KrakenEnvironment environment = ENVIRONMENT.read(source);
        String host = HOST.read(source);
        if (host.isBlank()) {
            host = environment.host(dialect.hostKind());
        }
        int port = PORT.read(source);
        if (port == 0) {
            port = endpoint.port(PORT_BASE.read(source));
        }
        String target = TARGET_COMP_ID.read(source);
        if (target.isBlank()) {
            target = endpoint.targetCompId();
        }
        Duration heartbeat = wholeSeconds(HEARTBEAT, source);
        Duration reconnect = wholeSeconds(RECONNECT_INTERVAL, source);
        boolean tlsOn = TLS_ENABLED.read(source);
        String store = TLS_TRUST_STORE.read(source);
        if (tlsOn && store.isBlank()) {
            throw new ConfigException(source.origin(), source.fullKey(TLS_TRUST_STORE.name()),
                    "required with TLS (a trust store holding the venue's certificate)");
        }
        Tls tls = new Tls(tlsOn, store.isBlank() ? null : Path.of(store), TLS_TRUST_STORE_PASSWORD.read(source),
                TLS_TRUST_STORE_TYPE.read(source), TLS_VERIFY_HOSTNAME.read(source));
        return new KrakenSessionConfig(name, endpoint, environment, host, port, SENDER_COMP_ID.read(source), target,
                heartbeat, RESET_ON_LOGON.read(source), CANCEL_ON_DISCONNECT.read(source), reconnect,
                ROLLOVER_TIME.read(source), tls, expert);
    }

    private static Duration wholeSeconds(ConfigKey<Duration> key, ConfigSource source) {
        Duration d = key.read(source);
        if (d.isZero() || d.isNegative() || d.toMillis() % 1000 != 0) {
            throw new ConfigException(source.origin(), source.fullKey(key.name()),
                    "must be a positive whole number of seconds, got " + d);
        }
        return d;
    }
}
