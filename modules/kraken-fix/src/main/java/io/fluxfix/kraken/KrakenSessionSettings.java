package io.fluxfix.kraken;

import io.fluxfix.model.config.ConfigException;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.nio.file.Files;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * QuickFIX/J settings for Kraken sessions, built from {@link KrakenSessionConfig}s. Encodes what a Kraken
 * session needs and what QuickFIX/J gets wrong by default: Kraken's dictionary, the daily 22:00 UTC
 * rollover (a 24-hour session from rollover to rollover), TLS with an explicit trust store and host-name
 * verification (QuickFIX/J trusts any certificate without a trust store and checks no host name unless told),
 * and a session qualifier per session, because Kraken's L2 and L3 market-data sessions share both CompIDs.
 */
public final class KrakenSessionSettings {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String TLS13_SUITES = "TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256";
    private static final String TLS12_SUITES = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,"
            + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
            + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

    private KrakenSessionSettings() {
    }

    public static SessionID sessionId(KrakenSessionConfig c) {
        return new SessionID("FIX.4.4", c.senderCompId(), c.targetCompId(), c.name());
    }

    /**
     * @param origin the config file the sessions came from, for error messages
     * @throws ConfigException when a configured trust store is missing or unreadable
     */
    public static SessionSettings build(List<KrakenSessionConfig> sessions, DialectOptions dialect, String origin) {
        SessionSettings settings = new SessionSettings();
        for (KrakenSessionConfig c : sessions) {
            SessionID id = sessionId(c);
            set(settings, id, "BeginString", "FIX.4.4");
            set(settings, id, "SenderCompID", c.senderCompId());
            set(settings, id, "TargetCompID", c.targetCompId());
            set(settings, id, "SessionQualifier", c.name());
            set(settings, id, "ConnectionType", "initiator");
            set(settings, id, "SocketConnectHost", c.host());
            set(settings, id, "SocketConnectPort", Integer.toString(c.port()));
            set(settings, id, "HeartBtInt", Long.toString(c.heartbeat().toSeconds()));
            set(settings, id, "ReconnectInterval", Long.toString(c.reconnectInterval().toSeconds()));
            // One 24-hour session from rollover to rollover: QuickFIX/J resets sequence numbers at StartTime.
            set(settings, id, "StartTime", TIME.format(c.rolloverUtc()));
            set(settings, id, "EndTime", TIME.format(c.rolloverUtc()));
            set(settings, id, "TimeZone", "UTC");
            set(settings, id, "ResetOnLogon", yn(c.resetOnLogon()));
            set(settings, id, "ResetOnLogout", "N");
            set(settings, id, "ResetOnDisconnect", "N");
            set(settings, id, "UseDataDictionary", "Y");
            set(settings, id, "DataDictionary", KrakenDictionary.RESOURCE);
            set(settings, id, "ValidateUnorderedGroupFields", "N");
            set(settings, id, "ValidateUserDefinedFields", "Y");
            set(settings, id, "AllowUnknownMessageFields", "N");
            set(settings, id, "TestRequestDelayMultiplier",
                    Double.toString(dialect.heartbeatTestRequestGracePercent() / 100.0));
            set(settings, id, "HeartBeatTimeoutMultiplier",
                    Double.toString(dialect.heartbeatTimeoutGracePercent() / 100.0));
            KrakenSessionConfig.Tls tls = c.tls();
            if (tls.enabled()) {
                String key = "sessions." + c.name() + "." + KrakenSessionConfig.TLS_TRUST_STORE.name();
                if (!Files.isRegularFile(tls.trustStore()) || !Files.isReadable(tls.trustStore())) {
                    throw new ConfigException(origin, key, "trust store " + tls.trustStore() + " is missing or unreadable");
                }
                boolean only13 = dialect.tlsMinVersion() == DialectOptions.TlsVersion.TLS_1_3;
                set(settings, id, "SocketUseSSL", "Y");
                set(settings, id, "EnabledProtocols", only13 ? "TLSv1.3" : "TLSv1.3,TLSv1.2");
                set(settings, id, "CipherSuites", only13 ? TLS13_SUITES : TLS13_SUITES + "," + TLS12_SUITES);
                set(settings, id, "SocketTrustStore", tls.trustStore().toString());
                set(settings, id, "SocketTrustStorePassword", tls.trustStorePassword());
                set(settings, id, "TrustStoreType", tls.trustStoreType());
                if (tls.verifyHostname()) {
                    set(settings, id, "EndpointIdentificationAlgorithm", "HTTPS");
                }
            } else {
                set(settings, id, "SocketUseSSL", "N");
            }
            for (Map.Entry<String, String> e : c.quickfixj().entrySet()) {
                set(settings, id, e.getKey(), e.getValue());
            }
        }
        return settings;
    }

    private static void set(SessionSettings s, SessionID id, String key, String value) {
        s.setString(id, key, value);
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }
}
