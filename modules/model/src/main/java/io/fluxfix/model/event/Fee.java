package io.fluxfix.model.event;

import io.fluxfix.model.Decimal;

import java.util.Objects;

/**
 * A fee on an order. Kraken reports the amount cumulatively over the order's fills.
 *
 * @param basis null when the venue does not say
 */
public record Fee(Decimal amount, String currency, FeeType type, FeeBasis basis) {

    public Fee {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(type, "type");
    }
}
