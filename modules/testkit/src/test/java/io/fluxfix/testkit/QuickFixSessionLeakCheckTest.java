package io.fluxfix.testkit;

import static io.fluxfix.testkit.SampleRun.assertPassed;
import static io.fluxfix.testkit.SampleRun.failureMessages;
import static io.fluxfix.testkit.SampleRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import quickfix.ApplicationAdapter;
import quickfix.ConfigError;
import quickfix.DefaultSessionFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Session;
import quickfix.SessionFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

class QuickFixSessionLeakCheckTest {

    /** Sessions the samples created; closed after each test so a deliberate leak ends with it. */
    private static final List<Session> CREATED = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeSampleSessions() throws IOException {
        for (Session session : CREATED) {
            session.close();
        }
        CREATED.clear();
    }

    @Test
    void failsATestThatLeavesASessionRegistered() {
        EngineExecutionResults results = run(LeaksSessionSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("1 QuickFIX/J session(s) still registered");
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void passesATestThatClosesItsSession() {
        assertPassed(run(ClosesSessionSample.class), 1);
    }

    /**
     * The simplest public way to get a registered session in QuickFIX/J 2.3.2: the Session constructors are
     * package-private, and DefaultSessionFactory registers what it creates. No connector, so no sockets or threads.
     */
    static Session createSession(String targetCompId) throws ConfigError {
        SessionID id = new SessionID("FIX.4.4", "SAMPLE-SENDER", targetCompId);
        SessionSettings settings = new SessionSettings();
        settings.setString(id, SessionFactory.SETTING_CONNECTION_TYPE, SessionFactory.ACCEPTOR_CONNECTION_TYPE);
        settings.setString(id, Session.SETTING_NON_STOP_SESSION, "Y");
        settings.setString(id, Session.SETTING_USE_DATA_DICTIONARY, "N");
        Session session = new DefaultSessionFactory(new ApplicationAdapter(), new MemoryStoreFactory(), null)
                .create(id, settings);
        CREATED.add(session);
        return session;
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class LeaksSessionSample {
        @Test
        void createsASessionAndKeepsIt() throws ConfigError {
            Session session = createSession("SAMPLE-LEAKED");
            assertThat(Session.lookupSession(session.getSessionID())).isSameAs(session);
        }
    }

    @LeakSample
    static class ClosesSessionSample {
        @Test
        void createsASessionAndClosesIt() throws Exception {
            Session session = createSession("SAMPLE-CLOSED");
            session.close();
            assertThat(Session.lookupSession(session.getSessionID())).isNull();
        }
    }
}
