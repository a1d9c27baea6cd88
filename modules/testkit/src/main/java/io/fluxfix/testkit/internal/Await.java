package io.fluxfix.testkit.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling, for resources that another thread is still releasing when a test ends. */
final class Await {

    /** Short enough that a passing test hardly waits, long enough not to spin. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    /** Returns as soon as {@code condition} holds, or false once {@code grace} has passed without it holding. */
    static boolean until(BooleanSupplier condition, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
