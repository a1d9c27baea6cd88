package io.fluxfix.model.command;

import java.util.Objects;

/** Cancels many orders at once; each cancelled order is confirmed by its own execution report. */
public record MassCancel(String clOrdId, MassCancelScope scope, String symbol, long transactTime)
        implements OrderCommand {

    public MassCancel {
        Objects.requireNonNull(clOrdId, "clOrdId");
        Objects.requireNonNull(scope, "scope");
        if (scope == MassCancelScope.SYMBOL && symbol == null) {
            throw new IllegalArgumentException("a per-symbol mass cancel needs the symbol");
        }
    }
}
