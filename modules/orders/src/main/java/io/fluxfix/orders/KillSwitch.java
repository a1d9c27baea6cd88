package io.fluxfix.orders;

/** The sink's kill switch: the three states of the usual trading engines. */
public enum KillSwitch {
    /** Everything allowed within risk limits. */
    ACTIVE,
    /** Only cancels and orders that reduce a position (and amends that do not raise a quantity). */
    REDUCING,
    /** Every open order is cancelled; new orders and amends are refused. */
    HALTED
}
