package io.fluxfix.model.command;

public enum MassCancelScope {
    /** Orders created or amended during this session, for one symbol. */
    SYMBOL,
    /** Orders created or amended during this session. */
    SESSION,
    /** All open orders created by this SenderCompID. */
    SENDER_COMP_ID
}
