package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.Wires;

import java.nio.BufferUnderflowException;
import java.text.ParseException;

/**
 * Walks a queue's data documents forward, from the start of its first cycle file, straight over each cycle's
 * mapped bytes: the read path of a replay, which needs neither an index nor a tailer's bookkeeping per
 * document. Chronicle finds and maps the cycle files ({@link SingleChronicleQueue#firstCycle},
 * {@link SingleChronicleQueue#storeForCycle}, {@link SingleChronicleQueue#nextCycle}, the store's
 * {@link MappedBytes}); this class only reads the 4-byte document headers with Chronicle's own constants
 * ({@link Wires}), the way a forward tailer does:
 *
 * <ul>
 *   <li>a meta-data document (the store's header, index2index and index documents) is stepped over, as is the
 *       padding that aligns each header to 4 bytes (stores of data version 1 and later);</li>
 *   <li>a data document is returned;</li>
 *   <li>the end-of-cycle marker ({@link Wires#END_OF_DATA}, written when a writer rolls) moves to the next
 *       cycle file, if there is one yet;</li>
 *   <li>a zero header (nothing written yet) or one marked {@link Wires#NOT_COMPLETE} (a writer in the middle of
 *       a record, or killed there) is the present end: {@link #next} returns false and stays there, so a later
 *       call sees what a live writer has finished since. Nothing is ever read past it.</li>
 * </ul>
 *
 * <p>Use it from one thread at a time. {@link #close} releases the mapped file.
 */
public final class QueueScanner implements AutoCloseable {

    private final SingleChronicleQueue queue;
    private SingleChronicleQueueStore store;
    private MappedBytes bytes;
    private boolean padded;
    private int cycle;
    /** Where the next header is (or will be) in the current cycle file. */
    private long headerAt;
    /** Data documents passed in the current cycle: the next one's sequence number. */
    private long sequence;
    private long lastIndex = -1;
    private boolean started;

    public QueueScanner(SingleChronicleQueue queue) {
        this.queue = queue;
    }

    /**
     * Moves to the next data document; when true, {@link #bytes()} reads exactly that document's bytes (read
     * position at its start, limit at its end) until the next call. False at the present end of the queue.
     */
    public boolean next() {
        if (!started && !start()) {
            return false;
        }
        while (true) {
            int header;
            try {
                header = bytes.readVolatileInt(headerAt);
            } catch (BufferUnderflowException beyondTheMappedFile) {
                return false; // a read-only mapping ends where the file ended when it was mapped: nothing more yet
            }
            if ((header & Wires.NOT_COMPLETE) != 0 || header == Wires.NOT_INITIALIZED) {
                if (header == Wires.END_OF_DATA && nextCycle()) {
                    continue;
                }
                return false;
            }
            long start = headerAt + Wires.SPB_HEADER_SIZE;
            int length = Wires.lengthOf(header);
            long end = start + length;
            headerAt = padded ? end + (-end & 3) : end;
            if (Wires.isData(header)) {
                lastIndex = queue.rollCycle().toIndex(cycle, sequence++);
                bytes.readLimitToCapacity();
                bytes.readPositionRemaining(start, length);
                return true;
            }
        }
    }

    /** The bytes of the document {@link #next} moved to. */
    public Bytes<?> bytes() {
        return bytes;
    }

    /** The queue index of the document {@link #next} last moved to (as a tailer's {@code lastReadIndex}). */
    public long lastIndex() {
        return lastIndex;
    }

    private boolean start() {
        int first = queue.firstCycle();
        if (first == Integer.MAX_VALUE || !open(first)) {
            return false; // no cycle file yet: the next call looks again
        }
        started = true;
        return true;
    }

    /** After an end-of-cycle marker: the next cycle file, if there is one now. */
    private boolean nextCycle() {
        if (cycle >= queue.lastCycle()) { // also refreshes Chronicle's listing of the directory
            return false;
        }
        int next;
        try {
            next = queue.nextCycle(cycle, TailerDirection.FORWARD);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot list the cycle files of " + queue.fileAbsolutePath(), e);
        }
        return next > cycle && open(next);
    }

    private boolean open(int toCycle) {
        SingleChronicleQueueStore next = queue.storeForCycle(toCycle, queue.epoch(), false, store);
        if (next == null) {
            return false;
        }
        release();
        store = next;
        bytes = next.bytes();
        padded = next.dataVersion() > 0;
        cycle = toCycle;
        headerAt = 0;
        sequence = 0;
        return true;
    }

    private void release() {
        if (bytes != null) {
            bytes.releaseLast();
            bytes = null;
        }
        if (store != null) {
            queue.closeStore(store);
            store = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
