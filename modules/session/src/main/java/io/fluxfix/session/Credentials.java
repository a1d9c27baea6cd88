package io.fluxfix.session;

import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.model.config.ConfigException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A trading session's API key and secret. They come from the environment ({@code KRAKEN_FIX_API_KEY},
 * {@code KRAKEN_FIX_API_SECRET}, names configurable) or from a properties file named in config, never from the
 * config file itself. Never printed: {@link #toString()} masks both.
 */
public final class Credentials {

    private final String apiKey;
    private final ApiSecret secret;

    public Credentials(String apiKey, ApiSecret secret) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    public String apiKey() {
        return apiKey;
    }

    public ApiSecret secret() {
        return secret;
    }

    /**
     * The credentials of {@code session}: from its secret file when one is configured, else from the environment.
     *
     * @throws ConfigException naming the file or variable when something is missing or unreadable; the message
     *                         never contains a credential
     */
    public static Credentials resolve(SessionConfig session, Map<String, String> environment, String origin) {
        String key;
        String secretText;
        String where;
        if (session.secretFile() != null) {
            Properties p = new Properties();
            where = session.secretFile().toString();
            try (Reader r = Files.newBufferedReader(session.secretFile())) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException(origin, "sessions." + session.name() + "." + SessionConfig.SECRET_FILE.name(),
                        "cannot read " + where + " (" + e.getClass().getSimpleName() + ")");
            }
            key = p.getProperty("api-key");
            secretText = p.getProperty("api-secret");
            if (key == null || key.isBlank() || secretText == null || secretText.isBlank()) {
                throw new ConfigException(origin, "sessions." + session.name() + "." + SessionConfig.SECRET_FILE.name(),
                        where + " must set api-key and api-secret");
            }
        } else {
            key = environment.get(session.apiKeyEnv());
            secretText = environment.get(session.apiSecretEnv());
            where = "environment";
            if (key == null || key.isBlank()) {
                throw new ConfigException(origin, "sessions." + session.name() + "." + SessionConfig.API_KEY_ENV.name(),
                        "environment variable " + session.apiKeyEnv() + " is not set (a trading session needs the API key)");
            }
            if (secretText == null || secretText.isBlank()) {
                throw new ConfigException(origin, "sessions." + session.name() + "." + SessionConfig.API_SECRET_ENV.name(),
                        "environment variable " + session.apiSecretEnv() + " is not set (a trading session needs the API secret)");
            }
        }
        try {
            return new Credentials(key.trim(), ApiSecret.ofBase64(secretText));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin, "sessions." + session.name() + ".credentials", e.getMessage() + " (" + where + ")");
        }
    }

    @Override
    public String toString() {
        return "Credentials[********]";
    }
}
