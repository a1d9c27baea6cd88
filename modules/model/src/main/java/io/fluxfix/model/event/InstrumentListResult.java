package io.fluxfix.model.event;

public enum InstrumentListResult {
    VALID,
    INVALID_OR_UNSUPPORTED,
    NO_MATCH,
    NOT_AUTHORIZED,
    UNAVAILABLE,
    NOT_SUPPORTED
}
