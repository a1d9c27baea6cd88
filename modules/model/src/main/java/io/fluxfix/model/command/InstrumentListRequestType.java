package io.fluxfix.model.command;

public enum InstrumentListRequestType {
    SINGLE_SYMBOL,
    BY_SECURITY_TYPE,
    ALL
}
