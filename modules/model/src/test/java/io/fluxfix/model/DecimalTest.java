package io.fluxfix.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class DecimalTest {

    @ParameterizedTest
    @CsvSource({
            "28013.0, 280130, 1",
            "0.00096506, 96506, 8",
            "84000, 84000, 0",
            "-12.50, -1250, 2",
            "0, 0, 0",
            "0.0, 0, 1",
            "007.5, 75, 1",
            "5., 5, 0",
            ".5, 5, 1",
            "999999999999999999, 999999999999999999, 0",
            "0.000000000000000001, 1, 18",
    })
    void parsesKeepingTheWrittenScale(String text, long unscaled, int scale) {
        Decimal d = Decimal.parse(text);
        assertThat(d.unscaled()).isEqualTo(unscaled);
        assertThat(d.scale()).isEqualTo(scale);
    }

    @ParameterizedTest
    @ValueSource(strings = {"28013.0", "0.00096506", "84000", "-12.50", "0.0", "1.00000000", "-0.001"})
    void formatsBackToTheSameText(String text) {
        assertThat(Decimal.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1.2.3", "abc", "1e5", "+1", " 1", "1 ", "0x10", "1,5",
            "9223372036854775808", "0.1234567890123456789"})
    void refusesWhatIsNotAFixFloat(String text) {
        assertThatThrownBy(() -> Decimal.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "28013.0, 1, 280130",
            "28013, 1, 280130",
            "0.00096506, 8, 96506",
            "0.0, 8, 0",
            "0.00100000, 3, 1",
            "1.5, 8, 150000000",
            "-2, 2, -200",
    })
    void parsesStraightIntoAMantissaAtAPrecision(String text, int scale, long expected) {
        assertThat(Decimal.parseUnscaled(text, scale)).isEqualTo(expected);
    }

    @Test
    void neverRoundsSilentlyWhenTheTextHasMoreDecimalsThanThePrecision() {
        assertThatThrownBy(() -> Decimal.parseUnscaled("0.00096506", 5))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("precision 5");
        assertThatThrownBy(() -> Decimal.parseUnscaled("99999999999.5", 9))
                .isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parsesASliceOfALargerText() {
        String field = "270=28013.0\u0001";
        assertThat(Decimal.parseUnscaled(field, 4, field.length() - 1, 1)).isEqualTo(280130);
        assertThat(Decimal.parse(field, 4, field.length() - 1)).isEqualTo(Decimal.of(280130, 1));
    }

    @Test
    void equalityAndOrderAreNumericWhileTheScaleIsKept() {
        Decimal a = Decimal.parse("28013.0");
        Decimal b = Decimal.parse("28013");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isNotEqualTo(b.toString());
        assertThat(Decimal.parse("0.1").compareTo(Decimal.parse("0.09"))).isPositive();
        assertThat(Decimal.parse("-0.1").compareTo(Decimal.parse("0.09"))).isNegative();
    }

    @Test
    void comparesValuesWhoseCommonScaleOverflowsALong() {
        Decimal big = Decimal.of(900_000_000_000_000_000L, 0);
        Decimal tiny = Decimal.of(1, 18);
        assertThat(big.compareTo(tiny)).isPositive();
        assertThat(tiny.compareTo(big)).isNegative();
    }

    @Test
    void rescalesExactlyOrFails() {
        assertThat(Decimal.parse("84000").unscaledAt(1)).isEqualTo(840000);
        assertThat(Decimal.parse("0.10000000").unscaledAt(1)).isEqualTo(1);
        assertThatThrownBy(() -> Decimal.parse("0.15").unscaledAt(1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Decimal.of(Long.MAX_VALUE / 10, 0).unscaledAt(2))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void arithmeticIsExact() {
        assertThat(Decimal.parse("0.001").multiply(Decimal.parse("84000"))).isEqualTo(Decimal.parse("84"));
        assertThat(Decimal.parse("0.1").add(Decimal.parse("0.2"))).isEqualTo(Decimal.parse("0.3"));
        assertThat(Decimal.parse("1.00").subtract(Decimal.parse("0.001")).toString()).isEqualTo("0.999");
        assertThatThrownBy(() -> Decimal.of(Long.MAX_VALUE, 0).add(Decimal.ofLong(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource({"0.168, 2, 0.17", "0.165, 2, 0.17", "0.1649, 2, 0.16", "-0.165, 2, -0.17", "84, 4, 84.0000",
            "0.00004999, 4, 0.0000", "0.00005, 4, 0.0001"})
    void roundsHalfAwayFromZero(String value, int scale, String expected) {
        assertThat(Decimal.parse(value).roundHalfUp(scale).toString()).isEqualTo(expected);
        assertThat(Decimal.parse(value).roundHalfUp(scale))
                .isEqualTo(Decimal.of(Decimal.parse(value).toBigDecimal()
                        .setScale(scale, java.math.RoundingMode.HALF_UP).unscaledValue().longValueExact(), scale));
    }

    @Test
    void formatsTheExtremes() {
        assertThat(Decimal.toString(Long.MIN_VALUE, 0)).isEqualTo("-9223372036854775808");
        assertThat(Decimal.toString(Long.MIN_VALUE, 18)).isEqualTo("-9.223372036854775808");
        assertThat(Decimal.toString(Long.MAX_VALUE, 18)).isEqualTo("9.223372036854775807");
        assertThat(Decimal.toString(5, 3)).isEqualTo("0.005");
    }

    /** Seeded property test: text round trip and agreement with BigDecimal over random values. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261122L, 0xFEEDL, 7L})
    void agreesWithBigDecimalOnRandomValues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LongStream.range(0, 5_000).forEach(i -> {
            long unscaled = random.nextLong() / pow(random.nextInt(0, 18));
            int scale = random.nextInt(0, Decimal.MAX_SCALE + 1);
            Decimal d = Decimal.of(unscaled, scale);
            BigDecimal expected = BigDecimal.valueOf(unscaled, scale);
            String text = d.toString();
            if (!text.equals(expected.toPlainString())) {
                fail("seed " + seed + ": " + unscaled + "e-" + scale + " printed " + text + ", BigDecimal says "
                        + expected.toPlainString());
            }
            Decimal back = Decimal.parse(text);
            if (back.unscaled() != unscaled || back.scale() != scale) {
                fail("seed " + seed + ": " + text + " parsed back to " + back.unscaled() + "e-" + back.scale());
            }
            Decimal other = Decimal.of(random.nextLong() / pow(random.nextInt(0, 18)), random.nextInt(0, 19));
            int cmp = Integer.signum(d.compareTo(other));
            int cmpExpected = Integer.signum(expected.compareTo(other.toBigDecimal()));
            if (cmp != cmpExpected) {
                fail("seed " + seed + ": compare(" + d + ", " + other + ") = " + cmp + ", expected " + cmpExpected);
            }
        });
    }

    private static long pow(int n) {
        return Decimal.pow10(n);
    }
}
