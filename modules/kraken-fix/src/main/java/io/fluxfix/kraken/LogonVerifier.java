package io.fluxfix.kraken;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The venue side of Kraken's trading logon: the API key must be known, the password must be the key's
 * signature over this Logon's own 34/49/56 and nonce, and the nonce (milliseconds since the epoch) must be
 * within a window of the venue clock (Kraken: ±5 s) and, per the older logon page, above the key's previous
 * nonce. Thread-safe.
 */
public final class LogonVerifier {

    /** Kraken's documented nonce window. */
    public static final Duration KRAKEN_NONCE_WINDOW = Duration.ofSeconds(5);

    public enum Verdict {
        VALID("valid"),
        MISSING_CREDENTIALS("Logon failed: missing credentials (553, 554 and 5025 are required)"),
        UNKNOWN_KEY("Logon failed: invalid credentials"),
        BAD_SIGNATURE("Logon failed: invalid credentials"),
        MALFORMED_NONCE("Logon failed: nonce must be milliseconds since the epoch"),
        NONCE_OUT_OF_WINDOW("Logon failed: nonce outside the allowed window of server time (check the clock)"),
        NONCE_NOT_INCREASING("Logon failed: nonce must increase");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        /** The reason for the Logout's 58; deliberately the same for an unknown key and a bad signature. */
        public String text() {
            return text;
        }
    }

    private final InstantSource clock;
    private final Duration window;
    private final boolean requireIncreasingNonce;
    private final Function<String, Optional<ApiSecret>> secrets;
    private final Map<String, Long> lastNonce = new ConcurrentHashMap<>();

    /**
     * @param secrets the secret of each known API key
     */
    public LogonVerifier(InstantSource clock, Duration window, boolean requireIncreasingNonce,
                         Function<String, Optional<ApiSecret>> secrets) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.requireIncreasingNonce = requireIncreasingNonce;
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    public Verdict verify(KrakenLogon logon, long msgSeqNum, String senderCompId, String targetCompId) {
        if (logon.username() == null || logon.password() == null || logon.nonce() == null) {
            return Verdict.MISSING_CREDENTIALS;
        }
        final long nonce;
        try {
            nonce = Long.parseLong(logon.nonce());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_NONCE;
        }
        if (Math.abs(nonce - clock.millis()) > window.toMillis()) {
            return Verdict.NONCE_OUT_OF_WINDOW;
        }
        Optional<ApiSecret> secret = secrets.apply(logon.username());
        if (secret.isEmpty()) {
            return Verdict.UNKNOWN_KEY;
        }
        if (!LogonSignature.verify(logon.password(), logon.username(), secret.get(), msgSeqNum, senderCompId,
                targetCompId, logon.nonce())) {
            return Verdict.BAD_SIGNATURE;
        }
        if (requireIncreasingNonce) {
            boolean[] increased = {false};
            lastNonce.compute(logon.username(), (k, prev) -> {
                if (prev == null || nonce > prev) {
                    increased[0] = true;
                    return nonce;
                }
                return prev;
            });
            if (!increased[0]) {
                return Verdict.NONCE_NOT_INCREASING;
            }
        }
        return Verdict.VALID;
    }
}
