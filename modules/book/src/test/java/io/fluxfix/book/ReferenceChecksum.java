package io.fluxfix.book;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Kraken's checksum the slow, obvious way (strings, as the documentation describes it), for tests only. */
final class ReferenceChecksum {

    private final StringBuilder sb = new StringBuilder();
    private final int priceScale;
    private final int qtyScale;

    ReferenceChecksum(int priceScale, int qtyScale) {
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
    }

    ReferenceChecksum add(long price, long qty) {
        sb.append(digits(price, priceScale)).append(digits(qty, qtyScale));
        return this;
    }

    private static String digits(long mantissa, int scale) {
        String s = BigDecimal.valueOf(mantissa, scale).toPlainString().replace(".", "");
        int i = 0;
        while (i < s.length() && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    long value() {
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
