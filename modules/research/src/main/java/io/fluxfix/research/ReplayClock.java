package io.fluxfix.research;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The replay's time: a clock set from the journal's events and a {@link Scheduler} on that clock, both driven by
 * the replay loop's one thread. Nothing here reads the wall clock.
 *
 * <p>Work scheduled now ({@code publishOn}, {@code subscribeOn}) and timers ({@code Flux.interval}) wait in one
 * queue ordered by (due time, order of scheduling); {@link #advanceTo} moves the clock forward, running every task
 * due on the way at its own time, and {@link #runDue} runs what is due now. So a replay runs a strategy's timers at
 * the event times they would have fired between two events, in the same order every time, and
 * {@code StrategyRuntime}'s single-thread contract holds because there is only the loop's thread.
 *
 * <p>Not thread-safe: only the replay loop may schedule, advance or run (a task scheduled from another thread
 * would be a bug of the replay, and is refused).
 */
public final class ReplayClock implements Scheduler, InstantSource {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Thread owner;
    private long now;
    private long seq;
    private boolean disposed;

    /** A clock at {@code startNanos} (epoch nanoseconds) owned by the calling thread. */
    public ReplayClock(long startNanos) {
        this.now = startNanos;
        this.owner = Thread.currentThread();
    }

    /** The clock's time in epoch nanoseconds. */
    public long nanos() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(now, 1_000_000_000L), Math.floorMod(now, 1_000_000_000L));
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(now, TimeUnit.NANOSECONDS);
    }

    /**
     * Moves the clock to {@code nanos} (never backwards: an earlier time leaves it where it is), running every task
     * due by then at its due time, in order.
     */
    public void advanceTo(long nanos) {
        while (true) {
            Task t = queue.peek();
            if (t == null || t.due > nanos) {
                break;
            }
            queue.poll();
            if (t.due > now) {
                now = t.due;
            }
            t.run();
        }
        if (nanos > now) {
            now = nanos;
        }
    }

    /** Runs every task due now (including those they schedule for now). */
    public void runDue() {
        advanceTo(now);
    }

    /** Tasks waiting (due now or later). */
    public int pending() {
        return queue.size();
    }

    /** The due time of the next task, or {@link Long#MAX_VALUE} when none waits. */
    public long nextDue() {
        Task t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.due;
    }

    private Task enqueue(Runnable r, long delayNanos, long periodNanos) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("replay work scheduled from " + Thread.currentThread().getName()
                    + ", not the replay loop's thread");
        }
        if (disposed) {
            throw new java.util.concurrent.RejectedExecutionException("replay clock disposed");
        }
        Task t = new Task(r, now + Math.max(0, delayNanos), periodNanos, seq++);
        queue.add(t);
        return t;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return enqueue(task, 0, 0);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return enqueue(task, unit.toNanos(delay), 0);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return enqueue(task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period)));
    }

    @Override
    public Worker createWorker() {
        return new ClockWorker();
    }

    @Override
    public void dispose() {
        disposed = true;
        queue.clear();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    @Override
    public void init() {
        // nothing to start: the replay loop drives it
    }

    /** One scheduled run; periodic tasks put themselves back after running. */
    private final class Task implements Disposable, Comparable<Task> {
        final Runnable r;
        final long period;
        long due;
        long order;
        boolean cancelled;
        ClockWorker worker;

        Task(Runnable r, long due, long period, long order) {
            this.r = r;
            this.due = due;
            this.period = period;
            this.order = order;
        }

        void run() {
            if (cancelled || worker != null && worker.disposed) {
                return;
            }
            r.run();
            if (period > 0 && !cancelled) {
                due += period;
                order = seq++;
                queue.add(this);
            }
        }

        @Override
        public void dispose() {
            cancelled = true;
            queue.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return cancelled;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final class ClockWorker implements Worker {
        boolean disposed;

        private Disposable tag(Task t) {
            t.worker = this;
            return t;
        }

        @Override
        public Disposable schedule(Runnable task) {
            return tag(enqueue(task, 0, 0));
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return tag(enqueue(task, unit.toNanos(delay), 0));
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return tag(enqueue(task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period))));
        }

        @Override
        public void dispose() {
            disposed = true;
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
