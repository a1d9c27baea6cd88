package io.fluxfix.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that samples start, parked until interrupted. The test that ran a sample stops them all, so a thread
 * leaked on purpose does not outlive the check that was meant to catch it.
 */
final class SampleThreads {

    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private SampleThreads() {
    }

    static Thread startParked(String name, boolean daemon) {
        Thread thread = new Thread(SampleThreads::parkUntilInterrupted, name);
        thread.setDaemon(daemon);
        STARTED.add(thread);
        thread.start();
        return thread;
    }

    /** Stops a thread and waits for it to end. */
    static void stop(Thread thread) {
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping " + thread.getName(), e);
        }
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop within " + JOIN_MILLIS + " ms");
        }
    }

    static void stopAll() {
        for (Thread thread : STARTED) {
            stop(thread);
        }
        STARTED.clear();
    }

    private static void parkUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park(SampleThreads.class);
        }
    }
}
