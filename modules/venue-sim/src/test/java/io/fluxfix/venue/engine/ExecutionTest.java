package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report conversion's arithmetic gives what the BigDecimal it replaced gave, digit for digit. */
class ExecutionTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20_261_122})
    void averagePriceInLongsIsTheBigDecimalAverage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 50_000; n++) {
            int pp = random.nextInt(0, 11);
            int qp = random.nextInt(0, Math.min(12, Decimal.MAX_SCALE - pp) + 1);
            long filled = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(1, 1_000);
                case 1 -> random.nextLong(1, 1_000_000_000L);
                case 2 -> random.nextLong(1, Long.MAX_VALUE / 1_000);
                default -> random.nextLong(1, Long.MAX_VALUE);
            };
            long price = random.nextInt(3) == 0 ? random.nextLong(1, 100_000_000_000L) : random.nextLong(1, 10_000_000);
            long cumCost;
            try {
                // A real cost: Σ price × quantity, sometimes over several prices.
                cumCost = Math.addExact(Math.multiplyExact(price, filled), random.nextLong(0, Math.max(1, filled)));
            } catch (ArithmeticException overflow) {
                cumCost = random.nextLong(0, Long.MAX_VALUE);
            }
            Decimal expected;
            try {
                expected = bigDecimalAverage(cumCost, filled, pp, qp);
            } catch (ArithmeticException tooLarge) {
                long c = cumCost;
                long f = filled;
                assertThatThrownBy(() -> Execution.average(c, f, pp, qp)).isInstanceOf(ArithmeticException.class);
                continue;
            }
            Decimal actual = Execution.average(cumCost, filled, pp, qp);
            assertThat(actual.unscaled()).as("seed %d: %d / %d at pp %d qp %d", seed, cumCost, filled, pp, qp)
                    .isEqualTo(expected.unscaled());
            assertThat(actual.scale()).as("seed %d: %d / %d at pp %d qp %d", seed, cumCost, filled, pp, qp)
                    .isEqualTo(expected.scale());
        }
    }

    /** The average as the engine computed it before the conversion moved to long arithmetic. */
    private static Decimal bigDecimalAverage(long cumCost, long filled, int pp, int qp) {
        BigDecimal avg = BigDecimal.valueOf(cumCost, pp + qp)
                .divide(BigDecimal.valueOf(filled, qp), Math.min(pp + 8, Decimal.MAX_SCALE), RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (avg.scale() < 0) {
            avg = avg.setScale(0);
        }
        return Decimal.of(avg.unscaledValue().longValueExact(), avg.scale());
    }
}
