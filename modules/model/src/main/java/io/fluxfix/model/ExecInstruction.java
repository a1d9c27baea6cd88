package io.fluxfix.model;

/** Kraken's order instructions (FIX ExecInst, several at once). */
public enum ExecInstruction {
    /** Only reduce an open position (margin Spot, Derivatives). */
    REDUCE_ONLY(false),
    /** Never take liquidity: an order that would match is refused. */
    POST_ONLY(false),
    /** Order quantity is in quote currency (Spot only). */
    VOLUME_IN_QUOTE(true),
    /** Pay the fee in the base currency (Spot only; Kraken's default for sells). */
    FEE_IN_BASE(true),
    /** Pay the fee in the quote currency (Spot only; Kraken's default for buys). */
    FEE_IN_QUOTE(true),
    /** Single fee: mandatory, and the only fee option, on Derivatives. */
    SINGLE_FEE(false);

    private final boolean spotOnly;

    ExecInstruction(boolean spotOnly) {
        this.spotOnly = spotOnly;
    }

    public boolean spotOnly() {
        return spotOnly;
    }
}
