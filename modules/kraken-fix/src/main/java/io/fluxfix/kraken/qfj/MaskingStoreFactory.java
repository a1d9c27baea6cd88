package io.fluxfix.kraken.qfj;

import io.fluxfix.kraken.FixMasking;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;

/**
 * A QuickFIX/J message-store factory whose stores mask 553/554/5025 before a message is written: QuickFIX/J
 * persists every message it sends, the signed Logon included, and a store on disk must not hold a credential.
 * A masked Logon is never re-sent (a resend gap-fills admin messages), so masking costs nothing.
 */
public final class MaskingStoreFactory implements MessageStoreFactory {

    private final MessageStoreFactory delegate;

    public MaskingStoreFactory(MessageStoreFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public MessageStore create(SessionID sessionID) {
        return new MaskingStore(delegate.create(sessionID));
    }

    /** Closeable because QuickFIX/J closes a session's store only when the store is. */
    private static final class MaskingStore implements MessageStore, Closeable {
        private final MessageStore store;

        MaskingStore(MessageStore store) {
            this.store = store;
        }

        @Override
        public boolean set(int sequence, String message) throws IOException {
            return store.set(sequence, FixMasking.mask(message));
        }

        @Override
        public void get(int startSequence, int endSequence, Collection<String> messages) throws IOException {
            store.get(startSequence, endSequence, messages);
        }

        @Override
        public int getNextSenderMsgSeqNum() throws IOException {
            return store.getNextSenderMsgSeqNum();
        }

        @Override
        public int getNextTargetMsgSeqNum() throws IOException {
            return store.getNextTargetMsgSeqNum();
        }

        @Override
        public void setNextSenderMsgSeqNum(int next) throws IOException {
            store.setNextSenderMsgSeqNum(next);
        }

        @Override
        public void setNextTargetMsgSeqNum(int next) throws IOException {
            store.setNextTargetMsgSeqNum(next);
        }

        @Override
        public void incrNextSenderMsgSeqNum() throws IOException {
            store.incrNextSenderMsgSeqNum();
        }

        @Override
        public void incrNextTargetMsgSeqNum() throws IOException {
            store.incrNextTargetMsgSeqNum();
        }

        @Override
        public Date getCreationTime() throws IOException {
            return store.getCreationTime();
        }

        @Override
        public void reset() throws IOException {
            store.reset();
        }

        @Override
        public void refresh() throws IOException {
            store.refresh();
        }

        @Override
        public void close() throws IOException {
            if (store instanceof Closeable) {
                ((Closeable) store).close();
            }
        }
    }
}
