package io.fluxfix.model.event;

/** The venue refused a message: at the session layer (format) or the business layer (rules). */
public sealed interface RejectEvent extends Event permits SessionReject, BusinessReject {

    /** MsgSeqNum of the refused message as the venue reports it (Kraken's examples always send 0). */
    long refSeqNum();

    MessageKind refMessage();

    String text();
}
