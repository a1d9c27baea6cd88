package io.fluxfix.model.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration property: its key, its type, its default and one line saying what it does. Each module
 * declares its keys as constants in one class; {@code docs/configuration.md} is checked against those
 * declarations by a test, so the documentation cannot drift from the code.
 *
 * @param <T> the value's type
 */
public final class ConfigKey<T> {

    private final String name;
    private final String type;
    private final T defaultValue;
    private final String defaultText;
    private final String description;
    private final Function<String, T> parser;

    private ConfigKey(String name, String type, T defaultValue, String defaultText, String description,
                      Function<String, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** A free-text value; {@code defaultValue} null makes the key required. */
    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, "string", defaultValue, defaultValue, description, s -> s);
    }

    public static ConfigKey<Integer> integer(String name, Integer defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, "integer " + min + ".." + max, defaultValue,
                defaultValue == null ? null : defaultValue.toString(), description, s -> {
                    final int v;
                    try {
                        v = Integer.parseInt(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected an integer, got '" + s + "'");
                    }
                    if (v < min || v > max) {
                        throw new IllegalArgumentException("expected " + min + ".." + max + ", got " + v);
                    }
                    return v;
                });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, "boolean", defaultValue, Boolean.toString(defaultValue), description, s -> {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("on")) {
                return Boolean.TRUE;
            }
            if (t.equals("false") || t.equals("no") || t.equals("off")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        });
    }

    /**
     * An enum value written in lower case with hyphens ({@code SPOT_TRADING} is {@code spot-trading});
     * upper case and underscores are accepted too.
     */
    public static <E extends Enum<E>> ConfigKey<E> enumeration(String name, Class<E> type, E defaultValue,
                                                               String description) {
        String choices = Arrays.stream(type.getEnumConstants()).map(ConfigKey::enumText)
                .collect(Collectors.joining(" | "));
        return new ConfigKey<>(name, choices, defaultValue, defaultValue == null ? null : enumText(defaultValue),
                description, s -> {
                    String wanted = s.trim().replace('-', '_').toUpperCase(Locale.ROOT);
                    for (E e : type.getEnumConstants()) {
                        if (e.name().equals(wanted)) {
                            return e;
                        }
                    }
                    throw new IllegalArgumentException("expected one of " + choices + ", got '" + s + "'");
                });
    }

    /** A duration written as a number and a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, "duration (ms, s, m, h)", defaultValue,
                defaultValue == null ? null : durationText(defaultValue), description, ConfigKey::parseDuration);
    }

    public static ConfigKey<Path> path(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, "path", defaultValue == null ? null : Path.of(defaultValue), defaultValue,
                description, s -> {
                    try {
                        return Path.of(s.trim());
                    } catch (InvalidPathException e) {
                        throw new IllegalArgumentException("not a valid path: '" + s + "'");
                    }
                });
    }

    /** An exact decimal number, optionally bounded below (inclusive); null {@code min} means unbounded. */
    public static ConfigKey<io.fluxfix.model.Decimal> decimal(String name, String defaultValue, String min,
                                                              String description) {
        io.fluxfix.model.Decimal lower = min == null ? null : io.fluxfix.model.Decimal.parse(min);
        return new ConfigKey<>(name, min == null ? "decimal" : "decimal >= " + min,
                defaultValue == null ? null : io.fluxfix.model.Decimal.parse(defaultValue), defaultValue, description, s -> {
                    final io.fluxfix.model.Decimal d;
                    try {
                        d = io.fluxfix.model.Decimal.parse(s.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a decimal number, got '" + s + "'");
                    }
                    if (lower != null && d.compareTo(lower) < 0) {
                        throw new IllegalArgumentException("expected at least " + min + ", got " + s.trim());
                    }
                    return d;
                });
    }

    /** A time of day, {@code HH:MM[:SS]}. */
    public static ConfigKey<LocalTime> timeOfDay(String name, LocalTime defaultValue, String description) {
        return new ConfigKey<>(name, "time of day HH:MM:SS", defaultValue,
                defaultValue == null ? null : defaultValue.toString(), description, s -> {
                    try {
                        return LocalTime.parse(s.trim());
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected a time of day HH:MM:SS, got '" + s + "'");
                    }
                });
    }

    /** Reads this key from {@code source}: its value, the default when unset, or a one-line {@link ConfigException}. */
    public T read(ConfigSource source) {
        String raw = source.get(name).orElse(null);
        if (raw == null || raw.isBlank()) {
            if (defaultValue == null) {
                throw new ConfigException(source.origin(), source.fullKey(name), "required but not set");
            }
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.origin(), source.fullKey(name), e.getMessage());
        }
    }

    /**
     * Fails on the first key in {@code source} that none of {@code known} declares: a misspelt key is a
     * mistake the user wants to hear about, not a silently ignored setting.
     */
    public static void rejectUnknown(ConfigSource source, Collection<ConfigKey<?>> known) {
        Set<String> names = known.stream().map(ConfigKey::name).collect(Collectors.toSet());
        source.keys().stream().sorted().filter(k -> !names.contains(k)).findFirst().ifPresent(k -> {
            throw new ConfigException(source.origin(), source.fullKey(k), "unknown key");
        });
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** The default as written in a config file, or null when the key is required. */
    public String defaultText() {
        return defaultText;
    }

    public boolean required() {
        return defaultValue == null;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name;
    }

    static String enumText(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String durationText(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i == t.length()) {
            throw new IllegalArgumentException("expected a duration such as 250ms, 30s, 5m or 1h, got '" + s + "'");
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: '" + s + "'");
        }
        switch (t.substring(i).trim()) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException("expected a duration such as 250ms, 30s, 5m or 1h, got '" + s + "'");
        }
    }
}
