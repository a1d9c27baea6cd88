package io.fluxfix.runner.hooks;

import reactor.core.publisher.Mono;

/**
 * What an operator may do over HTTP with the admin token. The order sink implements {@link OrderControl}, the
 * strategy module {@link StrategyControl}; until they are wired the endpoints answer 503 "not wired". Each
 * action answers a short text saying what it did, or fails with an {@link IllegalArgumentException} (400) or
 * {@link IllegalStateException} (409) whose message says why not.
 */
public final class AdminActions {

    private AdminActions() {
    }

    /** States of the kill switch. */
    public enum KillSwitchState {
        /** trading as usual */
        OFF,
        /** no new orders; cancels and amends that reduce risk still go out */
        NO_NEW_ORDERS,
        /** cancel every open order and send nothing more until switched off */
        HALT
    }

    /** The order sink's side. */
    public interface OrderControl {
        KillSwitchState killSwitch();

        Mono<String> setKillSwitch(KillSwitchState state);

        /** Cancels every open order of every trading session. */
        Mono<String> cancelAll();
    }

    /** The strategies' side. */
    public interface StrategyControl {
        Mono<String> pause(String strategyId);

        Mono<String> resume(String strategyId);
    }
}
