package io.fluxfix.kraken;

import io.fluxfix.model.kraken.ClOrdIds;

/**
 * ExecID (17) in the form Kraken's pages imply: "derived from ClOrdID at the FIX Gateway (base32 encoded); if
 * ClOrdID is a UUID, only the last 12 hex characters are recoverable". Kraken does not publish the scheme;
 * FluxFix's local venue writes the ClOrdID's low 48 bits and a 16-bit per-order counter as one 64-bit number
 * in 13 base32 digits (RFC 4648 alphabet, most significant first), then {@code :} and a gateway suffix —
 * the shape of Kraken's Derivatives examples ({@code 6B2NDTNHRQAAA:TRD001}, next report {@code …AAB}).
 * Clients must treat ExecIDs as opaque; {@link #recoverLow48} exists for tests and diagnostics.
 */
public final class ExecIds {

    /** Kraken's examples end every ExecID with this gateway suffix. */
    public static final String DEFAULT_SUFFIX = "TRD001";

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int DIGITS = 13;

    private ExecIds() {
    }

    /**
     * @param counter the order's report number, 0..65535 (wraps beyond)
     */
    public static String derive(String clOrdId, int counter, String suffix) {
        return of(ClOrdIds.low48(clOrdId), counter, suffix);
    }

    /**
     * The ExecID {@link #derive} gives for a ClOrdID whose {@link ClOrdIds#low48 low 48 bits} are already known
     * (an engine works them out once per ClOrdID, not once per report).
     */
    public static String of(long clOrdIdLow48, int counter, String suffix) {
        long value = clOrdIdLow48 << 16 | (counter & 0xFFFF);
        char[] c = new char[DIGITS + 1 + suffix.length()];
        for (int i = DIGITS - 1; i >= 0; i--) {
            c[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        c[DIGITS] = ':';
        suffix.getChars(0, suffix.length(), c, DIGITS + 1);
        return new String(c);
    }

    /** The ClOrdID's low 48 bits carried by a {@link #derive derived} ExecID. */
    public static long recoverLow48(String execId) {
        int colon = execId.indexOf(':');
        if (colon != DIGITS) {
            throw new IllegalArgumentException("not a derived ExecID: " + execId);
        }
        long value = 0;
        for (int i = 0; i < DIGITS; i++) {
            char ch = execId.charAt(i);
            int d = ch >= 'A' && ch <= 'Z' ? ch - 'A' : ch >= '2' && ch <= '7' ? ch - '2' + 26 : -1;
            if (d < 0) {
                throw new IllegalArgumentException("not a derived ExecID: " + execId);
            }
            value = value << 5 | d;
        }
        return value >>> 16;
    }
}
