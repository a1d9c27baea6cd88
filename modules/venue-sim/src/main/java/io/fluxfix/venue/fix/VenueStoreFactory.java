package io.fluxfix.venue.fix;

import quickfix.MemoryStoreFactory;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

import java.util.function.Predicate;

/**
 * Message stores for the venue's sessions: a persistent store (sequence numbers and sent messages survive a
 * restart, so a resend after it still works) for the configured accounts' sessions, a memory store for
 * anything else — a stranger's CompID gets its Logout without leaving files behind.
 */
public final class VenueStoreFactory implements MessageStoreFactory {

    private final MessageStoreFactory persistent;
    private final Predicate<SessionID> known;
    private final MemoryStoreFactory memory = new MemoryStoreFactory();

    public VenueStoreFactory(MessageStoreFactory persistent, Predicate<SessionID> known) {
        this.persistent = persistent;
        this.known = known;
    }

    @Override
    public MessageStore create(SessionID sessionID) {
        return known.test(sessionID) ? persistent.create(sessionID) : memory.create(sessionID);
    }
}
