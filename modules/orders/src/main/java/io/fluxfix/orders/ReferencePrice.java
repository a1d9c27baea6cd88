package io.fluxfix.orders;

import io.fluxfix.model.Decimal;

/**
 * The price the fat-finger band is drawn around: the last trade or the mid of an instrument's book. The runner
 * feeds it from the books ({@code orders} does not depend on {@code book}); null when unknown, and then the band
 * check is skipped.
 */
@FunctionalInterface
public interface ReferencePrice {

    ReferencePrice NONE = symbol -> null;

    Decimal of(String symbol);
}
