package io.fluxfix.model.config;

/**
 * A configuration value that cannot be used. Its message is one line that names the file and the key,
 * so that start-up can print it as it is and stop.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String key;

    public ConfigException(String origin, String key, String problem) {
        super(origin + ": " + key + ": " + problem);
        this.origin = origin;
        this.key = key;
    }

    /** The file (or other source) the bad value came from. */
    public String origin() {
        return origin;
    }

    /** The full key, e.g. {@code sessions.spot-trading.port}. */
    public String key() {
        return key;
    }
}
