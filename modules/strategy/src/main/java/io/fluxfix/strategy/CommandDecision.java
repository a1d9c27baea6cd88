package io.fluxfix.strategy;

import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.orders.Decision;

import java.util.Objects;

/**
 * The order sink's answer to one of the strategy's commands: sent, waiting in the rate-limit queue (with the
 * time until it would be allowed), or refused with the reason — so a strategy can back off instead of
 * re-sending.
 */
public record CommandDecision(OrderCommand command, Decision decision) {

    public CommandDecision {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(decision, "decision");
    }

    public boolean refused() {
        return decision.outcome() == Decision.Outcome.REFUSED;
    }
}
