package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the first-touch page faults of the memory-mapped day file off the appending threads. A daemon thread
 * keeps {@code aheadBytes} in front of the queue's write position and writes each page there once, with an
 * atomic compare-and-swap of 0 for 0 (the idiom of Chronicle's own {@code MicroToucher}, which open-source
 * Chronicle runs only on the appending thread): a page no record has reached holds zeros, so the swap changes
 * nothing; on a page an appender has already written, the swap fails and changes nothing either. The touch goes
 * through the queue's own store of the newest cycle, so it lands in the same mapping (the same virtual pages) the
 * appenders write through, and it maps the file's next chunk before an appender needs it.
 *
 * <p>Open-source Chronicle Queue has no pretoucher ({@code createPretoucher()} is an Enterprise feature).
 */
public final class TouchAhead implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TouchAhead.class);
    static final long PAGE = 4096;

    private final SingleChronicleQueue queue;
    private final long aheadBytes;
    private final long pauseNanos;
    private final Thread thread;
    private volatile boolean stop;
    /** The file offset up to which pages of {@link #cycle} are touched. */
    private volatile long touchedTo;
    private volatile int cycle = Integer.MIN_VALUE;

    /**
     * Starts touching.
     *
     * @param aheadBytes how far in front of the write position pages are kept touched (rounded up to pages)
     * @param pauseNanos how long the thread waits between looks at the write position
     */
    public TouchAhead(SingleChronicleQueue queue, long aheadBytes, long pauseNanos, String threadName) {
        this.queue = Objects.requireNonNull(queue, "queue");
        if (aheadBytes < PAGE) {
            throw new IllegalArgumentException("aheadBytes " + aheadBytes + " < one page");
        }
        this.aheadBytes = aheadBytes;
        this.pauseNanos = pauseNanos;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The file offset up to which the newest cycle's pages have been touched (for tests and metrics). */
    public long touchedTo() {
        return touchedTo;
    }

    /** Whether the thread is still running. */
    public boolean running() {
        return thread.isAlive();
    }

    /** The cycle being touched, or {@code Integer.MIN_VALUE} before the first file exists. */
    public int cycle() {
        return cycle;
    }

    private void run() {
        SingleChronicleQueueStore store = null;
        MappedBytes bytes = null;
        try {
            while (!stop) {
                int last = queue.lastCycle();
                if (last > 0 && last != cycle) {
                    release(store, bytes);
                    bytes = null;
                    store = queue.storeForCycle(last, queue.epoch(), false, null);
                    if (store != null) {
                        bytes = store.bytes();
                        touchedTo = 0;
                        cycle = last;
                    }
                }
                if (bytes != null) {
                    touch(store, bytes);
                }
                LockSupport.parkNanos(this, pauseNanos);
            }
        } catch (RuntimeException e) {
            if (!stop) {
                LOG.warn("journal touch-ahead stopped: {}", e.toString());
            }
        } finally {
            release(store, bytes);
        }
    }

    private void touch(SingleChronicleQueueStore store, MappedBytes bytes) {
        long pos = store.writePosition();
        long from = Math.max(touchedTo, (pos + PAGE) & -PAGE); // the writer's own page is touched already
        long to = pos + aheadBytes;
        for (long p = from; p < to && !stop; p += PAGE) {
            bytes.compareAndSwapLong(p, 0L, 0L);
            touchedTo = p + PAGE;
        }
    }

    private void release(SingleChronicleQueueStore store, MappedBytes bytes) {
        try {
            if (bytes != null) {
                bytes.releaseLast();
            }
        } finally {
            if (store != null) {
                queue.closeStore(store);
            }
        }
    }

    /** Stops the thread and waits for it, so that the queue can be closed after this returns. */
    @Override
    public void close() {
        stop = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
