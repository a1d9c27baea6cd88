package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk checks' comparisons agree with BigDecimal arithmetic, at the edges of a long mantissa too. */
class RiskMathTest {

    private static final List<String> VALUES = List.of("0", "0.01", "-0.01", "84000.0", "84010", "0.05", "-3.5",
            "100000", "4200.5", "1E", "9223372036854775807", "-9223372036854775807", "0.000000000000000001",
            "92233720368.54775807", "1.000000000", "3037000499.97604969");

    private static Decimal d(String s) {
        return Decimal.parse(s.equals("1E") ? "1000000000000000000" : s);
    }

    private static int sign(int c) {
        return Integer.signum(c);
    }

    @Test
    void everyComparisonMatchesBigDecimal() {
        for (String as : VALUES) {
            for (String bs : VALUES) {
                for (String cs : VALUES) {
                    Decimal a = d(as);
                    Decimal b = d(bs);
                    Decimal c = d(cs);
                    BigDecimal x = a.toBigDecimal();
                    BigDecimal y = b.toBigDecimal();
                    BigDecimal z = c.toBigDecimal();
                    assertThat(sign(RiskMath.compareProduct(a, b, c))).as("%s × %s vs %s", as, bs, cs)
                            .isEqualTo(x.multiply(y).compareTo(z));
                    assertThat(sign(RiskMath.compareAbsSum(a, b, false, c))).as("|%s + %s| vs %s", as, bs, cs)
                            .isEqualTo(x.add(y).abs().compareTo(z));
                    assertThat(sign(RiskMath.compareAbsSum(a, b, true, c))).as("|%s − %s| vs %s", as, bs, cs)
                            .isEqualTo(x.subtract(y).abs().compareTo(z));
                    for (String ds : List.of("0.05", "0", "1E", "-2")) {
                        Decimal e = d(ds);
                        assertThat(sign(RiskMath.compareDistance(a, b, c, e))).as("|%s − %s| vs %s × %s", as, bs, cs, ds)
                                .isEqualTo(x.subtract(y).abs().compareTo(z.multiply(e.toBigDecimal())));
                    }
                }
            }
        }
    }

    @Test
    void aBandCheckAtItsEdgeIsExact() {
        // 5 % of 84010.0 is 4200.5: a price exactly that far is inside, one tick further is outside
        assertThat(RiskMath.compareDistance(d("88210.5"), d("84010.0"), d("84010.0"), d("0.05"))).isZero();
        assertThat(RiskMath.compareDistance(d("79809.4"), d("84010.0"), d("84010.0"), d("0.05"))).isPositive();
        assertThat(RiskMath.compareProduct(d("1.19047619"), d("84000"), d("100000"))).isNegative();
    }
}
