package io.fluxfix.model;

public enum Liquidity {
    MAKER,
    TAKER
}
