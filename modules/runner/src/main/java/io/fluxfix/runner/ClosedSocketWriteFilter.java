package io.fluxfix.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops QuickFIX/J's ERROR "Socket (...): WriteToClosedSessionException" on a TLS session that is closing: MINA's
 * TLS filter writes its close notice after the socket is gone, at every logout and every disconnect, and
 * QuickFIX/J reports that at ERROR with a stack trace. Nothing is lost by it (the session is already closed, and
 * its disconnect is logged on its own line); left in, an operator sees an ERROR at every normal logout. Only that
 * exception from QuickFIX/J's MINA handlers is dropped; every other log line passes untouched. Installed by the
 * runner's {@code logback.xml}.
 */
public final class ClosedSocketWriteFilter extends TurboFilter {

    static final String QUICKFIX_MINA = "quickfix.mina.";
    static final String CLOSED_WRITE = "org.apache.mina.core.write.WriteToClosedSessionException";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t != null && level == Level.ERROR && logger.getName().startsWith(QUICKFIX_MINA)
                && t.getClass().getName().equals(CLOSED_WRITE)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
