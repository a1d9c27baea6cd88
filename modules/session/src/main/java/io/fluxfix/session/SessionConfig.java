package io.fluxfix.session;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One client session as configured under {@code sessions.<name>.}: the connection ({@link KrakenSessionConfig},
 * module kraken-fix) plus what the client side adds — reconnect backoff, where the credentials come from, and
 * the bound of the buffers that must never drop.
 *
 * @param reconnectMaxBackoff cap of the exponential backoff; the first wait is the connection's reconnect-interval
 * @param apiKeyEnv           environment variable holding the API key (trading sessions)
 * @param apiSecretEnv        environment variable holding the API secret, base64
 * @param secretFile          a properties file with {@code api-key} and {@code api-secret}; wins over the
 *                            environment when set
 * @param eventBuffer         bound of the executions and session-event buffers
 * @param overflowWait        how long a full buffer may hold the session's thread before the session disconnects
 * @param rolloverLogoutText  a venue Logout whose text starts with this (ignoring case) is the daily rollover,
 *                            whatever the local clock says; empty = only the clock announces a rollover
 * @param rolloverOnVenueReset a logon answered with MsgSeqNum 1 when more was expected is a rollover the session
 *                            missed: the next attempt starts the new day at 1 (false: QuickFIX/J's standard
 *                            "MsgSeqNum too low" Logout, attempt after attempt)
 */
public record SessionConfig(KrakenSessionConfig connection, Duration reconnectMaxBackoff, String apiKeyEnv,
                            String apiSecretEnv, Path secretFile, int eventBuffer, Duration overflowWait,
                            String rolloverLogoutText, boolean rolloverOnVenueReset) {

    public static final ConfigKey<Duration> RECONNECT_MAX_BACKOFF = ConfigKey.duration("reconnect-max-backoff",
            Duration.ofSeconds(60), "Cap of the reconnect backoff: waits double from reconnect-interval up to this.");
    public static final ConfigKey<String> API_KEY_ENV = ConfigKey.string("credentials.api-key-env",
            "KRAKEN_FIX_API_KEY", "Environment variable holding the API key (trading sessions).");
    public static final ConfigKey<String> API_SECRET_ENV = ConfigKey.string("credentials.api-secret-env",
            "KRAKEN_FIX_API_SECRET", "Environment variable holding the API secret, base64 (trading sessions).");
    public static final ConfigKey<String> SECRET_FILE = ConfigKey.string("credentials.file", "",
            "Properties file with api-key and api-secret; when set it is used instead of the environment.");
    public static final ConfigKey<Integer> EVENT_BUFFER = ConfigKey.integer("buffer.events", 8192, 16, 1 << 22,
            "Bound of the executions and session-event buffers (never dropped: full means disconnect).");
    public static final ConfigKey<Duration> OVERFLOW_WAIT = ConfigKey.duration("buffer.overflow-wait",
            Duration.ofSeconds(2), "How long a full execution or session-event buffer may hold the session's thread "
                    + "before the session disconnects.");

    // Kraken documents the 22:00 UTC reset of sequence numbers, not how it is announced (docs/kraken-dialect.md
    // §5, fix-dialect.md §1.7): these two keys make the inference explicit.
    public static final ConfigKey<String> ROLLOVER_LOGOUT_TEXT = ConfigKey.string("rollover.logout-text",
            "Daily session rollover", "A venue Logout whose text starts with this (any case) is the daily rollover, "
                    + "whatever the local clock says: the next logon starts a new session day at 1. Empty: only the "
                    + "clock (rollover-time) announces a rollover.");
    public static final ConfigKey<Boolean> ROLLOVER_ON_VENUE_RESET = ConfigKey.bool("rollover.on-venue-reset", true,
            "A logon answered with MsgSeqNum 1 when a higher one was expected is a rollover the session missed: "
                    + "the next attempt starts a new session day at 1. false: refuse it as FIX does (MsgSeqNum too low).");

    /** The keys this module adds to a session's block. */
    public static final List<ConfigKey<?>> KEYS = List.of(RECONNECT_MAX_BACKOFF, API_KEY_ENV, API_SECRET_ENV,
            SECRET_FILE, EVENT_BUFFER, OVERFLOW_WAIT, ROLLOVER_LOGOUT_TEXT, ROLLOVER_ON_VENUE_RESET);

    public SessionConfig {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(reconnectMaxBackoff, "reconnectMaxBackoff");
        Objects.requireNonNull(overflowWait, "overflowWait");
        Objects.requireNonNull(rolloverLogoutText, "rolloverLogoutText");
        if (reconnectMaxBackoff.compareTo(connection.reconnectInterval()) < 0) {
            throw new IllegalArgumentException("reconnect-max-backoff " + reconnectMaxBackoff
                    + " is shorter than reconnect-interval " + connection.reconnectInterval());
        }
    }

    public String name() {
        return connection.name();
    }

    /** Reads session {@code name} (keys relative to {@code sessions.<name>.}); problems are one line each. */
    public static SessionConfig read(String name, ConfigSource source, DialectOptions dialect) {
        Set<String> mine = KEYS.stream().map(ConfigKey::name).collect(Collectors.toUnmodifiableSet());
        KrakenSessionConfig connection = KrakenSessionConfig.read(name, source.filtered(k -> !mine.contains(k)),
                dialect);
        Duration max = RECONNECT_MAX_BACKOFF.read(source);
        if (max.compareTo(connection.reconnectInterval()) < 0) {
            throw new ConfigException(source.origin(), source.fullKey(RECONNECT_MAX_BACKOFF.name()),
                    "must be at least reconnect-interval (" + connection.reconnectInterval() + ")");
        }
        String file = SECRET_FILE.read(source);
        return new SessionConfig(connection, max, API_KEY_ENV.read(source), API_SECRET_ENV.read(source),
                file.isBlank() ? null : Path.of(file), EVENT_BUFFER.read(source), OVERFLOW_WAIT.read(source),
                ROLLOVER_LOGOUT_TEXT.read(source), ROLLOVER_ON_VENUE_RESET.read(source));
    }

    /** Every session under {@code sessions.} of a config file. */
    public static List<SessionConfig> readAll(ConfigSource root, DialectOptions dialect) {
        List<SessionConfig> out = new ArrayList<>();
        for (String name : root.children("sessions")) {
            out.add(read(name, root.under("sessions." + name), dialect));
        }
        return out;
    }

    /** This session with defaults for everything the client adds. */
    public static SessionConfig of(KrakenSessionConfig connection) {
        return new SessionConfig(connection, Duration.ofSeconds(60), "KRAKEN_FIX_API_KEY", "KRAKEN_FIX_API_SECRET",
                null, 8192, Duration.ofSeconds(2), "Daily session rollover", true);
    }

    public SessionConfig withReconnectMaxBackoff(Duration max) {
        return new SessionConfig(connection, max, apiKeyEnv, apiSecretEnv, secretFile, eventBuffer, overflowWait,
                rolloverLogoutText, rolloverOnVenueReset);
    }

    public SessionConfig withEventBuffer(int size, Duration wait) {
        return new SessionConfig(connection, reconnectMaxBackoff, apiKeyEnv, apiSecretEnv, secretFile, size, wait,
                rolloverLogoutText, rolloverOnVenueReset);
    }

    public SessionConfig withSecretFile(Path file) {
        return new SessionConfig(connection, reconnectMaxBackoff, apiKeyEnv, apiSecretEnv, file, eventBuffer,
                overflowWait, rolloverLogoutText, rolloverOnVenueReset);
    }

    public SessionConfig withRolloverRecognition(String logoutText, boolean onVenueReset) {
        return new SessionConfig(connection, reconnectMaxBackoff, apiKeyEnv, apiSecretEnv, secretFile, eventBuffer,
                overflowWait, logoutText, onVenueReset);
    }
}
