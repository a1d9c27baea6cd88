package io.fluxfix.venue.engine;

import io.fluxfix.model.Market;

import java.nio.charset.StandardCharsets;

/**
 * Order and trade ids in Kraken's formats — Spot {@code OQNCZM-NVAVC-AVD2LO} (orders) and
 * {@code TQNCZM-NVAVC-AVD2LO} (trades), Derivatives version-4 UUIDs — from a seed and a counter, so that
 * the same inputs give the same ids (research replay and restart replay depend on it).
 */
final class VenueIds {

    private static final byte[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".getBytes(StandardCharsets.ISO_8859_1);

    private final long seed;
    private long counter;
    /** Where an id's characters are put together before they become its String (one copy, no per-id buffer). */
    private final byte[] text = new byte[19];

    VenueIds(long seed, Market market) {
        this.seed = mix(seed * 31 + market.ordinal());
    }

    String orderId(Market market) {
        return market == Market.SPOT ? krakenId('O') : uuid();
    }

    String tradeId(Market market) {
        return market == Market.SPOT ? krakenId('T') : uuid();
    }

    long counter() {
        return counter;
    }

    void counter(long value) {
        counter = value;
    }

    private String krakenId(char prefix) {
        long bits = mix(seed + ++counter);
        // 16 symbols from 64 bits, overlapping windows keep every id distinct per counter: XXXXX-XXXXX-XXXXXX.
        byte[] c = text;
        c[0] = (byte) prefix;
        c[6] = '-';
        c[12] = '-';
        for (int i = 0; i < 16; i++) {
            c[1 + i + (i >= 5 ? 1 : 0) + (i >= 10 ? 1 : 0)] = BASE32[(int) (bits >>> (4 * i)) & 31];
        }
        return new String(c, StandardCharsets.ISO_8859_1);
    }

    private String uuid() {
        long hi = mix(seed + ++counter);
        long lo = mix(hi ^ 0x9E37_79B9_7F4A_7C15L);
        hi = (hi & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /** SplitMix64's finaliser: a bijection, so distinct counters give distinct ids. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
