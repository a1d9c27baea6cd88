package io.fluxfix.runner.hooks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the books, the order sink and the strategies plug into the running runner: the HTTP endpoint and
 * {@code /health} read through here. Everything is optional: an unset provider shows as "not wired" on the
 * status page and as an empty list in {@code /api/*}; an unset control makes its admin action answer 503.
 * Thread-safe; set providers before or after start.
 */
public final class RunnerHooks {

    private volatile Providers.Books books;
    private volatile Providers.OpenOrders openOrders;
    private volatile Providers.Positions positions;
    private volatile Providers.Strategies strategies;
    private volatile Providers.RateLimits rateLimits;
    private volatile AdminActions.OrderControl orderControl;
    private volatile AdminActions.StrategyControl strategyControl;
    private final List<Providers.ReadinessCheck> readiness = new CopyOnWriteArrayList<>();

    public RunnerHooks books(Providers.Books p) {
        this.books = Objects.requireNonNull(p, "books");
        return this;
    }

    public RunnerHooks openOrders(Providers.OpenOrders p) {
        this.openOrders = Objects.requireNonNull(p, "openOrders");
        return this;
    }

    public RunnerHooks positions(Providers.Positions p) {
        this.positions = Objects.requireNonNull(p, "positions");
        return this;
    }

    public RunnerHooks strategies(Providers.Strategies p) {
        this.strategies = Objects.requireNonNull(p, "strategies");
        return this;
    }

    public RunnerHooks rateLimits(Providers.RateLimits p) {
        this.rateLimits = Objects.requireNonNull(p, "rateLimits");
        return this;
    }

    public RunnerHooks orderControl(AdminActions.OrderControl c) {
        this.orderControl = Objects.requireNonNull(c, "orderControl");
        return this;
    }

    public RunnerHooks strategyControl(AdminActions.StrategyControl c) {
        this.strategyControl = Objects.requireNonNull(c, "strategyControl");
        return this;
    }

    /** Adds a condition {@code /health} requires (the books add "books fresh"). */
    public RunnerHooks readiness(Providers.ReadinessCheck check) {
        readiness.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    public Optional<Providers.Books> books() {
        return Optional.ofNullable(books);
    }

    public Optional<Providers.OpenOrders> openOrders() {
        return Optional.ofNullable(openOrders);
    }

    public Optional<Providers.Positions> positions() {
        return Optional.ofNullable(positions);
    }

    public Optional<Providers.Strategies> strategies() {
        return Optional.ofNullable(strategies);
    }

    public Optional<Providers.RateLimits> rateLimits() {
        return Optional.ofNullable(rateLimits);
    }

    public Optional<AdminActions.OrderControl> orderControl() {
        return Optional.ofNullable(orderControl);
    }

    public Optional<AdminActions.StrategyControl> strategyControl() {
        return Optional.ofNullable(strategyControl);
    }

    public List<Providers.ReadinessCheck> readinessChecks() {
        return List.copyOf(readiness);
    }
}
