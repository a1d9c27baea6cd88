package io.fluxfix.runner.hooks;

import java.util.List;
import java.util.Optional;

/**
 * The small interfaces the later modules plug into the runner through {@link RunnerHooks}. Each is called on an
 * HTTP thread, often (every push of the status page), so it must answer from memory without blocking.
 */
public final class Providers {

    private Providers() {
    }

    /** Top of book and depth per instrument (the book module). */
    @FunctionalInterface
    public interface Books {
        List<Views.Book> books();
    }

    /** Orders live at the venue (the order sink). */
    @FunctionalInterface
    public interface OpenOrders {
        List<Views.OpenOrder> openOrders();
    }

    /** Positions and PnL (the order sink). */
    @FunctionalInterface
    public interface Positions {
        List<Views.Position> positions();
    }

    /** The strategies' states (the strategy module). */
    @FunctionalInterface
    public interface Strategies {
        List<Views.Strategy> strategies();
    }

    /** Rate-limit usage (the order sink's Spot counter, Derivatives buckets ...). */
    @FunctionalInterface
    public interface RateLimits {
        List<Views.RateLimit> rateLimits();
    }

    /**
     * One condition {@code /health} requires, e.g. "books fresh". Answers empty when satisfied, else the reason
     * it is not, in a few words a person reads ({@code "book ETH/USD stale for 12 s"}).
     */
    public interface ReadinessCheck {
        String name();

        Optional<String> notReady();
    }
}
