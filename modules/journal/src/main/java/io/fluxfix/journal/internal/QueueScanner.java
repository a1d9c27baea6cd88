package io.fluxfix.journal.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.core.UnsafeMemory;
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
 * <p>Headers are read straight from the chunk of the file the store's {@link MappedBytes} has mapped at the
 * moment (its current {@link BytesStore}: its address and the range it safely covers), and through the
 * {@code MappedBytes} — moved on to the chunk whose safe range holds the header — only when the header lies
 * outside it. Chronicle maps each chunk with an overlap past its safe range (a quarter of a chunk by default);
 * a finished document that ends in the overlap is still read where it is ({@link #address}), so only one larger
 * than the overlap ever needs a copy. Any document can be read through {@link #bytes}.
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
    private boolean closed;
    /** The document {@link #next} moved to: where its bytes start in the file, and how many. */
    private long docStart;
    private int docLength;
    /** The chunk {@code bytes} had mapped when last looked at, and the file range it covers ([start, end)). */
    private BytesStore<?, ?> chunk;
    private long chunkStart;
    private long chunkEnd = -1;
    /**
     * Where {@code chunk}'s mapping ends: past {@code chunkEnd} by Chronicle's overlap. Bytes there are mapped but
     * may lie past the file's end, so only a finished document is read there.
     */
    private long chunkMapped = -1;
    /** Native address of file position 0 as seen through {@code chunk} (only positions in its range are valid). */
    private long chunkBase;

    /** The cycle file the scan starts at (Integer.MIN_VALUE: the queue's first). */
    private final int fromCycle;

    public QueueScanner(SingleChronicleQueue queue) {
        this(queue, Integer.MIN_VALUE);
    }

    /**
     * A scanner that starts at cycle file {@code fromCycle}, or at the queue's first if that is later. The file
     * must exist when the scan starts ({@link SingleChronicleQueue#nextCycle} finds the one after a missing day).
     */
    public QueueScanner(SingleChronicleQueue queue, int fromCycle) {
        this.queue = queue;
        this.fromCycle = fromCycle;
    }

    /**
     * Moves to the next data document, to be read through {@link #address()} or {@link #bytes()} until the next
     * call. False at the present end of the queue (and once closed).
     */
    public boolean next() {
        if (closed || !started && !start()) {
            return false;
        }
        while (true) {
            int header;
            if (bytes.bytesStore() == chunk && headerAt >= chunkStart && headerAt + 4 <= chunkEnd) {
                header = UnsafeMemory.MEMORY.readVolatileInt(chunkBase + headerAt);
            } else {
                try {
                    // Moves to the chunk whose safe range holds the header: a read alone (readVolatileInt) would
                    // stay on the old chunk while the header lies in its overlap, and every document there would
                    // then take the slow path.
                    bytes.addressForRead(headerAt);
                    header = bytes.readVolatileInt(headerAt);
                } catch (BufferUnderflowException beyondTheMappedFile) {
                    return false; // a read-only mapping ends where the file ended when mapped: nothing more yet
                }
                lookAtChunk();
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
                docStart = start;
                docLength = length;
                return true;
            }
        }
    }

    private void lookAtChunk() {
        BytesStore<?, ?> store = bytes.bytesStore();
        chunk = store;
        if (store != null && store.isDirectMemory()) {
            chunkStart = store.start();
            chunkEnd = store.safeLimit();
            chunkMapped = store.capacity();
            chunkBase = store.addressForRead(chunkStart) - chunkStart;
        } else {
            chunkEnd = -1;
            chunkMapped = -1;
        }
    }

    /**
     * The bytes of the document {@link #next} moved to: read position at its start, limit at its end, until
     * the next call of {@link #next}.
     */
    public Bytes<?> bytes() {
        bytes.readLimitToCapacity();
        bytes.readPositionRemaining(docStart, docLength);
        return bytes;
    }

    /**
     * The native address of the document {@link #next} moved to, if it lies wholly in the chunk mapped now, else
     * 0 (then read it through {@link #bytes}). Valid until the next call of {@link #next}, {@link #bytes} or
     * {@link #close}.
     */
    public long address() {
        // A finished document's bytes are in the file, so it may end anywhere in the chunk's mapping, its overlap
        // included; only headers, which may lie past the file's present end, keep to the safe range.
        if (bytes.bytesStore() == chunk && docStart >= chunkStart && docStart + docLength <= chunkMapped) {
            return chunkBase + docStart;
        }
        return 0;
    }

    /** The length of the document {@link #next} moved to. */
    public int length() {
        return docLength;
    }

    /** The queue index of the document {@link #next} last moved to (as a tailer's {@code lastReadIndex}). */
    public long lastIndex() {
        return lastIndex;
    }

    private boolean start() {
        int first = queue.firstCycle();
        if (first == Integer.MAX_VALUE || !open(Math.max(first, fromCycle))) {
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
        chunk = null;
        chunkEnd = -1;
        chunkMapped = -1;
        cycle = toCycle;
        headerAt = 0;
        sequence = 0;
        return true;
    }

    private void release() {
        if (bytes != null) {
            bytes.releaseLast();
            bytes = null;
            chunk = null;
            chunkEnd = -1;
            chunkMapped = -1;
        }
        if (store != null) {
            queue.closeStore(store);
            store = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
    }
}
