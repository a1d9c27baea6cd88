package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;

import java.util.Map;

/**
 * A read-only copy of one account's Derivatives ledger.
 *
 * @param positions symbol → signed position, mantissa at the instrument's quantity precision
 */
public record DerivativesView(Decimal collateral, Decimal marginHeld, Map<String, Long> positions) {

    public DerivativesView {
        positions = Map.copyOf(positions);
    }
}
