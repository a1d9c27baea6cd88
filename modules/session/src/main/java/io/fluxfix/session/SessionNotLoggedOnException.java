package io.fluxfix.session;

/** A command was sent while its session was not logged on; nothing was journaled or sent. */
public final class SessionNotLoggedOnException extends IllegalStateException {

    public SessionNotLoggedOnException(String session) {
        super("session " + session + " is not logged on");
    }
}
