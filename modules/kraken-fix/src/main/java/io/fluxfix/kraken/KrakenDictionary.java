package io.fluxfix.kraken;

import quickfix.ConfigError;
import quickfix.DataDictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Kraken's FIX 4.4 data dictionary ({@value #RESOURCE} on the classpath), loaded once. Group members may
 * come in any order (Kraken's pages do not fix the order of L3 and trade fields), everything else is checked.
 */
public final class KrakenDictionary {

    /** Classpath location; QuickFIX/J session settings name it in {@code DataDictionary=}. */
    public static final String RESOURCE = "io/fluxfix/kraken/FIX44-Kraken.xml";

    private static final DataDictionary INSTANCE = load();

    private KrakenDictionary() {
    }

    /** The shared instance; read-only use (parsing, validation) is thread-safe. */
    public static DataDictionary get() {
        return INSTANCE;
    }

    /** A fresh copy, for callers that want to change validation flags. */
    public static DataDictionary copy() {
        return new DataDictionary(INSTANCE);
    }

    private static DataDictionary load() {
        try (InputStream in = KrakenDictionary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            DataDictionary dd = new DataDictionary(in);
            dd.setCheckUnorderedGroupFields(false);
            dd.setCheckFieldsOutOfOrder(true);
            dd.setCheckUserDefinedFields(true);
            dd.setAllowUnknownMessageFields(false);
            return dd;
        } catch (ConfigError e) {
            throw new IllegalStateException("cannot load " + RESOURCE + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
