package io.fluxfix.kraken.qfj;

import io.fluxfix.kraken.FixMasking;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

/**
 * A QuickFIX/J log factory that masks 553/554/5025 in every logged message and event before it reaches the
 * underlying log: a Logon's credentials never appear in a log, the venue's or a client's.
 */
public final class MaskingLogFactory implements LogFactory {

    private final LogFactory delegate;

    public MaskingLogFactory(LogFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Log create(SessionID sessionID) {
        Log log = delegate.create(sessionID);
        return new Log() {
            @Override
            public void clear() {
                log.clear();
            }

            @Override
            public void onIncoming(String message) {
                log.onIncoming(FixMasking.mask(message));
            }

            @Override
            public void onOutgoing(String message) {
                log.onOutgoing(FixMasking.mask(message));
            }

            @Override
            public void onEvent(String text) {
                log.onEvent(FixMasking.mask(text));
            }

            @Override
            public void onErrorEvent(String text) {
                log.onErrorEvent(FixMasking.mask(text));
            }
        };
    }
}
