package io.fluxfix.strategy;

import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.orders.Decision;

/**
 * Where a strategy's commands go: live and in replay the order sink ({@code sink.submit(session, command)}), in
 * tests a paper sink. Called on the strategy's thread; must not block.
 */
@FunctionalInterface
public interface CommandGate {

    Decision submit(OrderCommand command);
}
