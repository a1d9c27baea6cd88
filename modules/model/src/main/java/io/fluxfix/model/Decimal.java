package io.fluxfix.model;

import java.math.BigDecimal;

/**
 * An exact decimal number: a {@code long} mantissa ("unscaled value") and a scale, the value being
 * {@code unscaled × 10^-scale}. It keeps the scale it was written with, so {@code "28013.0"} prints back as
 * {@code "28013.0"}; equality and ordering are numeric ({@code 28013.0} equals {@code 28013}).
 *
 * <p>Hot paths use the static methods on raw mantissas — {@link #parseUnscaled(CharSequence, int)} parses
 * FIX field text straight into a mantissa at an instrument's precision without allocating, and
 * {@link #appendTo(StringBuilder, long, int)} formats one back. No {@code double} and no {@link BigDecimal}
 * is involved except on the rare overflow path of {@link #compareTo}.
 */
public final class Decimal implements Comparable<Decimal> {

    /** Largest scale a value may have; 10^18 still fits a {@code long}. */
    public static final int MAX_SCALE = 18;

    /** Any string of this many digits fits a {@code long}; longer ones are checked for overflow. */
    private static final int SAFE_DIGITS = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    public static final Decimal ZERO = new Decimal(0, 0);

    private final long unscaled;
    private final int scale;

    private Decimal(long unscaled, int scale) {
        this.unscaled = unscaled;
        this.scale = scale;
    }

    /** {@code unscaled × 10^-scale}; the scale must be within 0..{@value #MAX_SCALE}. */
    public static Decimal of(long unscaled, int scale) {
        checkScale(scale);
        return new Decimal(unscaled, scale);
    }

    public static Decimal ofLong(long value) {
        return new Decimal(value, 0);
    }

    /**
     * Parses a FIX float (optional {@code -}, digits, optional {@code .} and digits; no exponent), keeping
     * the written scale.
     *
     * @throws NumberFormatException on anything else, or when the value does not fit a {@code long} mantissa
     */
    public static Decimal parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    public static Decimal parse(CharSequence text, int start, int end) {
        // One pass: the mantissa and the written scale together.
        int i = start;
        boolean negative = i < end && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int significant = 0;
        int scale = -1; // -1 until the point is seen
        boolean digits = false;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                if (scale >= 0 && ++scale > MAX_SCALE) {
                    throw new NumberFormatException("'" + text.subSequence(start, end) + "' has more than "
                            + MAX_SCALE + " decimals");
                }
                if (value != 0 || c != '0') {
                    significant++;
                }
                value = significant <= SAFE_DIGITS ? value * 10 + (c - '0')
                        : checkedAppend(value, c - '0', text, start, end);
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                throw new NumberFormatException("'" + text.subSequence(start, end) + "' is not a decimal number");
            }
        }
        if (!digits) {
            throw new NumberFormatException("'" + text.subSequence(start, end) + "' is not a decimal number");
        }
        return new Decimal(negative ? -value : value, Math.max(scale, 0));
    }

    /**
     * Parses {@code text} straight into a mantissa at {@code scale} (an instrument's precision), allocating
     * nothing. Trailing zeros beyond the scale are accepted; any other extra digit is an error, never a
     * silent rounding.
     *
     * @throws NumberFormatException if the text is not a FIX float or does not fit the scale exactly
     */
    public static long parseUnscaled(CharSequence text, int scale) {
        return parseUnscaled(text, 0, text.length(), scale);
    }

    public static long parseUnscaled(CharSequence text, int start, int end, int scale) {
        checkScale(scale);
        int len = end - start;
        if (len <= 0) {
            throw new NumberFormatException("empty number");
        }
        int i = start;
        boolean negative = false;
        char c = text.charAt(i);
        if (c == '-') {
            negative = true;
            i++;
        }
        long value = 0;
        int significant = 0;
        int decimals = -1; // -1 until the point is seen
        boolean digits = false;
        for (; i < end; i++) {
            c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                if (decimals >= 0) {
                    if (decimals >= scale) {
                        if (c != '0') {
                            throw new NumberFormatException("'" + text.subSequence(start, end)
                                    + "' has more decimals than the precision " + scale);
                        }
                        continue;
                    }
                    decimals++;
                }
                if (value != 0 || c != '0') {
                    significant++;
                }
                if (significant <= SAFE_DIGITS) {
                    value = value * 10 + (c - '0');
                } else {
                    value = checkedAppend(value, c - '0', text, start, end);
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                throw new NumberFormatException("'" + text.subSequence(start, end) + "' is not a decimal number");
            }
        }
        if (!digits) {
            throw new NumberFormatException("'" + text.subSequence(start, end) + "' is not a decimal number");
        }
        int missing = scale - Math.max(decimals, 0);
        if (missing > 0) {
            if (significant + missing > SAFE_DIGITS) {
                value = checkedScale(value, missing, text, start, end);
            } else {
                value *= POW10[missing];
            }
        }
        return negative ? -value : value;
    }

    // Only the 19th digit can overflow a long; the common path stays unchecked.
    private static long checkedAppend(long value, int digit, CharSequence text, int start, int end) {
        try {
            return Math.addExact(Math.multiplyExact(value, 10), digit);
        } catch (ArithmeticException overflow) {
            throw new NumberFormatException("'" + text.subSequence(start, end) + "' is out of range");
        }
    }

    private static long checkedScale(long value, int missing, CharSequence text, int start, int end) {
        try {
            return Math.multiplyExact(value, POW10[missing]);
        } catch (ArithmeticException overflow) {
            throw new NumberFormatException("'" + text.subSequence(start, end) + "' is out of range at this precision");
        }
    }

    public long unscaled() {
        return unscaled;
    }

    public int scale() {
        return scale;
    }

    /**
     * This value's mantissa at {@code targetScale}.
     *
     * @throws ArithmeticException if the value has non-zero digits beyond {@code targetScale} or overflows
     */
    public long unscaledAt(int targetScale) {
        return rescale(unscaled, scale, targetScale);
    }

    /** {@code unscaled} at {@code scale}, re-expressed exactly at {@code targetScale}. */
    public static long rescale(long unscaled, int scale, int targetScale) {
        checkScale(targetScale);
        if (targetScale == scale) {
            return unscaled;
        }
        if (targetScale > scale) {
            return Math.multiplyExact(unscaled, POW10[targetScale - scale]);
        }
        long div = POW10[scale - targetScale];
        if (unscaled % div != 0) {
            throw new ArithmeticException(toString(unscaled, scale) + " is not exact at scale " + targetScale);
        }
        return unscaled / div;
    }

    /** The same number written with {@code newScale} decimals, exactly. */
    public Decimal withScale(int newScale) {
        return newScale == scale ? this : new Decimal(unscaledAt(newScale), newScale);
    }

    /**
     * This number at {@code newScale} decimals, rounding half away from zero when digits are dropped — for
     * amounts that must be expressed in an asset's precision (fees). Exact when nothing is dropped.
     */
    public Decimal roundHalfUp(int newScale) {
        checkScale(newScale);
        if (newScale >= scale) {
            return withScale(newScale);
        }
        long div = POW10[scale - newScale];
        long q = unscaled / div;
        long r = unscaled % div;
        if (Math.abs(r) * 2 >= div) {
            q += Long.signum(unscaled);
        }
        return new Decimal(q, newScale);
    }

    /** The same number with trailing zeros of the fraction removed. */
    public Decimal stripTrailingZeros() {
        long u = unscaled;
        int s = scale;
        while (s > 0 && u % 10 == 0) {
            u /= 10;
            s--;
        }
        return s == scale ? this : new Decimal(u, s);
    }

    public Decimal add(Decimal other) {
        int s = Math.max(scale, other.scale);
        return new Decimal(Math.addExact(unscaledAt(s), other.unscaledAt(s)), s);
    }

    public Decimal subtract(Decimal other) {
        int s = Math.max(scale, other.scale);
        return new Decimal(Math.subtractExact(unscaledAt(s), other.unscaledAt(s)), s);
    }

    /** The exact product; fails rather than rounds when it does not fit. */
    public Decimal multiply(Decimal other) {
        Decimal a = stripTrailingZeros();
        Decimal b = other.stripTrailingZeros();
        int s = a.scale + b.scale;
        if (s > MAX_SCALE) {
            throw new ArithmeticException(this + " × " + other + " needs more than " + MAX_SCALE + " decimals");
        }
        return new Decimal(Math.multiplyExact(a.unscaled, b.unscaled), s);
    }

    public Decimal negate() {
        return new Decimal(Math.negateExact(unscaled), scale);
    }

    public int signum() {
        return Long.signum(unscaled);
    }

    public boolean isZero() {
        return unscaled == 0;
    }

    @Override
    public int compareTo(Decimal other) {
        return compare(unscaled, scale, other.unscaled, other.scale);
    }

    /** Numeric comparison of two mantissa/scale pairs. */
    public static int compare(long a, int aScale, long b, int bScale) {
        if (aScale == bScale) {
            return Long.compare(a, b);
        }
        int s = Math.max(aScale, bScale);
        long x = a;
        long y = b;
        try {
            x = Math.multiplyExact(a, POW10[s - aScale]);
            y = Math.multiplyExact(b, POW10[s - bScale]);
            return Long.compare(x, y);
        } catch (ArithmeticException overflow) {
            return BigDecimal.valueOf(a, aScale).compareTo(BigDecimal.valueOf(b, bScale));
        }
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(unscaled, scale);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Decimal)) {
            return false;
        }
        Decimal d = (Decimal) o;
        return compareTo(d) == 0;
    }

    @Override
    public int hashCode() {
        Decimal n = stripTrailingZeros();
        return Long.hashCode(n.unscaled) * 31 + n.scale;
    }

    /** Plain notation with exactly {@link #scale()} decimals, e.g. {@code 0.00096506}, {@code -12.50}. */
    @Override
    public String toString() {
        return toString(unscaled, scale);
    }

    public static String toString(long unscaled, int scale) {
        StringBuilder sb = new StringBuilder(24);
        appendTo(sb, unscaled, scale);
        return sb.toString();
    }

    public void appendTo(StringBuilder sb) {
        appendTo(sb, unscaled, scale);
    }

    /** Appends {@code unscaled × 10^-scale} in plain notation with exactly {@code scale} decimals. */
    public static void appendTo(StringBuilder sb, long unscaled, int scale) {
        if (unscaled < 0) {
            sb.append('-');
            if (unscaled == Long.MIN_VALUE) {
                // |MIN_VALUE| has no long; spell its digits out.
                appendDigits(sb, "9223372036854775808", scale);
                return;
            }
            unscaled = -unscaled;
        }
        if (scale == 0) {
            sb.append(unscaled);
            return;
        }
        long intPart = unscaled / POW10[scale];
        long frac = unscaled % POW10[scale];
        sb.append(intPart).append('.');
        for (int d = scale - 1; d >= 0; d--) {
            long p = POW10[d];
            sb.append((char) ('0' + frac / p));
            frac %= p;
        }
    }

    private static void appendDigits(StringBuilder sb, String digits, int scale) {
        if (scale == 0) {
            sb.append(digits);
            return;
        }
        int intLen = digits.length() - scale;
        if (intLen <= 0) {
            sb.append("0.");
            for (int i = intLen; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
        }
    }

    /** 10^n for 0 ≤ n ≤ {@value #MAX_SCALE}. */
    public static long pow10(int n) {
        checkScale(n);
        return POW10[n];
    }

    private static void checkScale(int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale " + scale + " outside 0.." + MAX_SCALE);
        }
    }
}
