package io.fluxfix.orders;

import java.util.Arrays;

/**
 * What an amend or a cancel adds to a Spot counter by the order's age (since it was placed or last amended):
 * the first bracket whose bound the age is strictly below applies — an order exactly 5 s old is in the
 * "&lt; 10 s" bracket — and an older order costs 0 (fix-dialect.md §6.1).
 */
public final class AgeCosts {

    private final long[] belowNanos;
    private final int[] costs;

    private AgeCosts(long[] belowNanos, int[] costs) {
        this.belowNanos = belowNanos;
        this.costs = costs;
    }

    /** The cost for an order {@code ageNanos} old. */
    public int cost(long ageNanos) {
        for (int i = 0; i < belowNanos.length; i++) {
            if (ageNanos < belowNanos[i]) {
                return costs[i];
            }
        }
        return 0;
    }

    /** The largest cost of any age. */
    public int max() {
        return Arrays.stream(costs).max().orElse(0);
    }

    /** {@code "5:3, 10:2, 15:1"}: age-below-seconds:cost pairs, bounds ascending. */
    public static AgeCosts parse(String text) {
        String[] pairs = text.split(",");
        long[] below = new long[pairs.length];
        int[] cost = new int[pairs.length];
        long last = 0;
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i].trim();
            String[] p = pair.split(":");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                below[i] = Long.parseLong(p[0].trim()) * 1_000_000_000L;
                cost[i] = Integer.parseInt(p[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected age-below-seconds:cost pairs such as '5:3, 10:2', got '"
                        + pair + "'");
            }
            if (below[i] <= last || cost[i] < 0) {
                throw new IllegalArgumentException("'" + pair + "': bounds must be positive and ascending, costs at least 0");
            }
            last = below[i];
        }
        return new AgeCosts(below, cost);
    }
}
