package io.fluxfix.model.kraken;

import io.fluxfix.model.Market;

import java.time.Duration;
import java.util.Objects;

/**
 * Stateless format checks of a ClOrdID for a market, including the ±120 s window Kraken applies to the
 * time in a COMB UUID.
 *
 * @param combWindow        how far a COMB UUID's time may be from the venue's clock (Kraken: 120 s)
 * @param windowForNumeric  apply the same window to numeric ids read as microsecond timestamps; a
 *                          third-party report says Kraken does, Kraken's pages do not (off by default)
 */
public record ClOrdIdRules(Duration combWindow, boolean windowForNumeric) {

    public static final Duration KRAKEN_COMB_WINDOW = Duration.ofSeconds(120);

    public static final ClOrdIdRules KRAKEN = new ClOrdIdRules(KRAKEN_COMB_WINDOW, false);

    public ClOrdIdRules {
        Objects.requireNonNull(combWindow, "combWindow");
    }

    /**
     * Checks {@code id} on {@code market} at venue time {@code nowMicros} (microseconds since the epoch).
     */
    public ClOrdIdVerdict check(CharSequence id, Market market, long nowMicros) {
        if (id == null || id.length() == 0) {
            return ClOrdIdVerdict.EMPTY;
        }
        long windowMicros = combWindow.toNanos() / 1000;
        if (ClOrdIds.isUuid(id)) {
            long t = ClOrdIds.combTime10us(id) * 10;
            return Math.abs(t - nowMicros) <= windowMicros ? ClOrdIdVerdict.VALID : ClOrdIdVerdict.TIMESTAMP_OUT_OF_WINDOW;
        }
        if (market == Market.DERIVATIVES) {
            return ClOrdIdVerdict.UUID_REQUIRED;
        }
        if (!ClOrdIds.isNumeric(id)) {
            return ClOrdIdVerdict.MALFORMED;
        }
        if (windowForNumeric && Math.abs(ClOrdIds.numericValue(id) - nowMicros) > windowMicros) {
            return ClOrdIdVerdict.TIMESTAMP_OUT_OF_WINDOW;
        }
        return ClOrdIdVerdict.VALID;
    }
}
