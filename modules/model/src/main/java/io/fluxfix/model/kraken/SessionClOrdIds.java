package io.fluxfix.model.kraken;

import java.util.HashSet;
import java.util.Set;

/**
 * The ClOrdIDs one session has used. Kraken requires a ClOrdID to be unique within a trading session, and
 * numeric ids to keep increasing; the high-water mark survives re-logons until the trading day ends or
 * the client logs on with ForceResetClOrdID. Not thread-safe: one session, one thread.
 */
public final class SessionClOrdIds {

    private final boolean requireIncreasing;
    private final Set<String> used = new HashSet<>();
    private long highestNumeric;

    /** @param requireIncreasing whether a numeric id must exceed every earlier numeric id of the session */
    public SessionClOrdIds(boolean requireIncreasing) {
        this.requireIncreasing = requireIncreasing;
    }

    /**
     * Records {@code id} if it may be used; the id must already have passed {@link ClOrdIdRules}.
     *
     * @return {@link ClOrdIdVerdict#VALID}, {@link ClOrdIdVerdict#DUPLICATE} or {@link ClOrdIdVerdict#NOT_INCREASING}
     */
    public ClOrdIdVerdict accept(String id) {
        if (used.contains(id)) {
            return ClOrdIdVerdict.DUPLICATE;
        }
        if (ClOrdIds.isNumeric(id)) {
            long v = ClOrdIds.numericValue(id);
            if (requireIncreasing && v <= highestNumeric) {
                return ClOrdIdVerdict.NOT_INCREASING;
            }
            highestNumeric = Math.max(highestNumeric, v);
        }
        used.add(id);
        return ClOrdIdVerdict.VALID;
    }

    public boolean contains(String id) {
        return used.contains(id);
    }

    /** Forgets every id: a new trading day, or ForceResetClOrdID on Logon. */
    public void reset() {
        used.clear();
        highestNumeric = 0;
    }

    public int size() {
        return used.size();
    }
}
