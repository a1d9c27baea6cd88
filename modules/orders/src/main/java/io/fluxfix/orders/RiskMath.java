package io.fluxfix.orders;

import io.fluxfix.model.Decimal;

import java.math.BigDecimal;

/**
 * The exact comparisons the pre-trade checks make, without a {@link Decimal} per intermediate result: long
 * arithmetic on the mantissas, and {@link BigDecimal} only when that would overflow (or need more than
 * {@value Decimal#MAX_SCALE} decimals). Each answers like {@code compareTo}: negative, zero or positive.
 */
final class RiskMath {

    private RiskMath() {
    }

    /** {@code a × b} against {@code c}. */
    static int compareProduct(Decimal a, Decimal b, Decimal c) {
        long p = product(a, b);
        if (p != OVERFLOW) {
            return Decimal.compare(p, a.scale() + b.scale(), c.unscaled(), c.scale());
        }
        return a.toBigDecimal().multiply(b.toBigDecimal()).compareTo(c.toBigDecimal());
    }

    /** {@code |a − b|} against {@code c × d}. */
    static int compareDistance(Decimal a, Decimal b, Decimal c, Decimal d) {
        int s = Math.max(a.scale(), b.scale());
        long p = product(c, d);
        if (p != OVERFLOW) {
            try {
                long diff = Math.subtractExact(a.unscaledAt(s), b.unscaledAt(s));
                if (diff != Long.MIN_VALUE) {
                    return Decimal.compare(Math.abs(diff), s, p, c.scale() + d.scale());
                }
            } catch (ArithmeticException overflow) {
                // exactly below
            }
        }
        return a.toBigDecimal().subtract(b.toBigDecimal()).abs()
                .compareTo(c.toBigDecimal().multiply(d.toBigDecimal()));
    }

    /** {@code |x + y|} (or {@code |x − y|} when {@code subtract}) against {@code limit}. */
    static int compareAbsSum(Decimal x, Decimal y, boolean subtract, Decimal limit) {
        int s = Math.max(x.scale(), y.scale());
        try {
            long a = x.unscaledAt(s);
            long b = y.unscaledAt(s);
            long sum = subtract ? Math.subtractExact(a, b) : Math.addExact(a, b);
            if (sum != Long.MIN_VALUE) {
                return Decimal.compare(Math.abs(sum), s, limit.unscaled(), limit.scale());
            }
        } catch (ArithmeticException overflow) {
            // exactly below
        }
        BigDecimal sum = subtract ? x.toBigDecimal().subtract(y.toBigDecimal()) : x.toBigDecimal().add(y.toBigDecimal());
        return sum.abs().compareTo(limit.toBigDecimal());
    }

    private static final long OVERFLOW = Long.MIN_VALUE;

    /** The product's mantissa at scale {@code a.scale + b.scale}, or {@link #OVERFLOW} when it does not fit. */
    private static long product(Decimal a, Decimal b) {
        if (a.scale() + b.scale() > Decimal.MAX_SCALE) {
            return OVERFLOW;
        }
        long x = a.unscaled();
        long y = b.unscaled();
        long lo = x * y;
        long hi = Math.multiplyHigh(x, y);
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0) ? lo : OVERFLOW;
    }
}
