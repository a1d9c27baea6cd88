package io.fluxfix.testkit;

import static io.fluxfix.testkit.SampleRun.assertPassed;
import static io.fluxfix.testkit.SampleRun.failureMessages;
import static io.fluxfix.testkit.SampleRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class ThreadLeakCheckTest {

    @AfterEach
    void stopSampleThreads() {
        SampleThreads.stopAll();
    }

    @Test
    void failsATestThatLeavesADaemonAndANonDaemonThreadRunning() {
        EngineExecutionResults results = run(LeaksThreadsSample.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("Leak check failed for test leaksTwoThreads(): 2 leaks")
                .contains("thread 'sample-leaked-worker' (daemon=false")
                .contains("thread 'sample-leaked-daemon' (daemon=true")
                .contains(SampleThreads.class.getName() + ".parkUntilInterrupted");
        // Reported once, for the test, not again for its class.
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void passesATestThatStopsItsThread() {
        assertPassed(run(StopsThreadSample.class), 1);
    }

    @Test
    void givesAThreadThatIsStillFinishingItsGracePeriod() {
        assertPassed(run(ThreadStillFinishingSample.class), 1);
    }

    @Test
    void passesAClassThatStopsInAfterAllTheThreadItStartedInBeforeAll() {
        assertPassed(run(StopsBeforeAllThreadSample.class), 2);
    }

    @Test
    void failsAClassThatLeavesTheThreadItStartedInBeforeAllRunning() {
        EngineExecutionResults results = run(LeaksBeforeAllThreadSample.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(failureMessages(results.containerEvents())).singleElement().asString()
                .contains("class " + LeaksBeforeAllThreadSample.class.getName())
                .contains("thread 'sample-class-server' (daemon=false");
    }

    @Test
    void acceptsThreadsTheAnnotationAllows() {
        assertPassed(run(AllowedThreadSample.class), 1);
    }

    @Test
    void classScopeChecksAThreadATestStartedOnlyAfterTheClass() {
        assertPassed(run(ClassScopedSharedThreadSample.class), 2);

        EngineExecutionResults perTest = run(TestScopedSharedThreadSample.class);
        assertThat(failureMessages(perTest.testEvents())).singleElement().asString()
                .contains("thread 'sample-shared-server'");
    }

    @Test
    void failsATestThatDoesNotDisposeASchedulerItCreated() {
        EngineExecutionResults results = run(LeaksSchedulerSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("thread 'sample-feed-1' (daemon=true");
        LeaksSchedulerSample.scheduler.dispose();
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class LeaksThreadsSample {
        @Test
        void leaksTwoThreads() {
            SampleThreads.startParked("sample-leaked-worker", false);
            SampleThreads.startParked("sample-leaked-daemon", true);
        }
    }

    @LeakSample
    static class StopsThreadSample {
        @Test
        void stopsItsThread() {
            SampleThreads.stop(SampleThreads.startParked("sample-stopped-worker", false));
        }
    }

    @LeakSample
    static class ThreadStillFinishingSample {
        @Test
        void leavesAThreadThatEndsOnlyOnceTheLeakCheckIsWaitingForIt() {
            Thread testThread = Thread.currentThread();
            new Thread(() -> endWhenLeakCheckWaits(testThread), "sample-finishing-worker").start();
        }

        /** Without a grace period the check would see this thread alive, and fail the test. */
        private static void endWhenLeakCheckWaits(Thread testThread) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!pollingInLeakCheck(testThread) && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        private static boolean pollingInLeakCheck(Thread thread) {
            return Arrays.stream(thread.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals("io.fluxfix.testkit.internal.Await"));
        }
    }

    @LeakSample
    static class StopsBeforeAllThreadSample {
        static Thread server;

        @BeforeAll
        static void startServer() {
            server = SampleThreads.startParked("sample-class-server", false);
        }

        @AfterAll
        static void stopServer() {
            SampleThreads.stop(server);
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class LeaksBeforeAllThreadSample {
        @BeforeAll
        static void startServer() {
            SampleThreads.startParked("sample-class-server", false);
        }

        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @LeakSample
    @LeakCheck(allowThreads = "sample-allowed-*")
    static class AllowedThreadSample {
        @Test
        void leavesAnAllowedThreadRunning() {
            SampleThreads.startParked("sample-allowed-1", true);
        }
    }

    /** A server the first test starts lazily and the class stops; fine only when checked per class. */
    static class SharedThreadSample {
        static Thread server;

        static void ensureServer() {
            if (server == null) {
                server = SampleThreads.startParked("sample-shared-server", false);
            }
        }

        @AfterAll
        static void stopServer() {
            if (server != null) {
                SampleThreads.stop(server);
                server = null;
            }
        }

        @Test
        void first() {
            ensureServer();
        }

        @Test
        void second() {
            ensureServer();
        }
    }

    @LeakSample
    @LeakCheck(scope = LeakCheck.Scope.CLASS)
    static class ClassScopedSharedThreadSample extends SharedThreadSample {
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class TestScopedSharedThreadSample extends SharedThreadSample {
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class LeaksSchedulerSample {
        static Scheduler scheduler;

        @Test
        void publishesOnASchedulerItNeverDisposes() {
            scheduler = Schedulers.newSingle("sample-feed", true);
            Mono.just("tick").publishOn(scheduler).block();
        }
    }
}
