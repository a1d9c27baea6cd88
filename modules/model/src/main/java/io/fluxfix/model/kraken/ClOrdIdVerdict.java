package io.fluxfix.model.kraken;

/** The result of checking a ClOrdID against Kraken's rules. */
public enum ClOrdIdVerdict {
    VALID("valid"),
    EMPTY("ClOrdID is empty"),
    MALFORMED("ClOrdID must be a positive integer of at most 18 digits or a COMB UUID"),
    UUID_REQUIRED("COMB UUIDv4 required for ClOrdID on derivatives"),
    TIMESTAMP_OUT_OF_WINDOW("ClOrdID invalid value (timestamp is out of date)"),
    DUPLICATE("ClOrdID already used in this session"),
    NOT_INCREASING("ClOrdID must be greater than the previous numeric ClOrdID");

    private final String text;

    ClOrdIdVerdict(String text) {
        this.text = text;
    }

    /** A reject text in Kraken's wording where Kraken has one. */
    public String text() {
        return text;
    }

    public boolean isValid() {
        return this == VALID;
    }
}
