package io.fluxfix.testkit.internal;

import java.util.List;
import quickfix.Session;

/**
 * Fails a scope that leaves more QuickFIX/J sessions registered than it found.
 *
 * <p>QuickFIX/J keeps every session in one JVM-wide registry until {@code Session.close()} or the connector's
 * {@code stop()} removes it; a leaked one keeps its SessionID taken, so the next test that uses the same CompIDs
 * talks to a stale session. Only loaded when QuickFIX/J is on the test's class path.
 */
public final class QuickFixSessionProbe implements LeakProbe {

    @Override
    public Watch start(Watch enclosing, LeakCheckSettings settings) {
        return new SessionWatch(Session.numSessions(), (SessionWatch) enclosing);
    }

    private static final class SessionWatch implements Watch {
        private int before;
        private final SessionWatch enclosing;

        SessionWatch(int before, SessionWatch enclosing) {
            this.before = before;
            this.enclosing = enclosing;
        }

        @Override
        public List<Leak> finish(LeakCheckSettings settings) {
            // A connector stopping on another thread unregisters its sessions a little after the test returns.
            Await.until(() -> Session.numSessions() <= before, settings.grace());
            int after = Session.numSessions();
            int leaked = after - before;
            if (leaked <= 0) {
                return List.of();
            }
            if (enclosing != null) {
                enclosing.before += leaked;
            }
            return List.of(Leak.of(leaked + " QuickFIX/J session(s) still registered (Session.numSessions() was "
                    + before + ", is " + after + "): close them with Session.close() or stop their connector"));
        }
    }
}
