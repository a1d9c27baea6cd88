package io.fluxfix.venue.persist;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The venue's write-ahead journal of everything its engines and gateway act on: accepted logons, every
 * application message a trading session delivers (as received), disconnects, rollovers and admin actions,
 * each with the venue time it was handled at. The engines are deterministic, so replaying the journal at
 * start rebuilds books, balances, ClOrdID registries and session numbers exactly; QuickFIX/J's file store
 * keeps sequence numbers and sent messages. A record is appended before it is acted on, so an acknowledged
 * order is always in the journal. Memory-mapped (Chronicle Queue): survives a process crash, not a power cut.
 *
 * <p>Records are text, one per input, fields separated by {@code \u0002}; FIX text keeps its SOH separators.
 * Application messages never carry credentials, and logon records carry none.
 */
public final class InputJournal implements AutoCloseable {

    /** Field separator inside a record. */
    public static final char SEP = '\u0002';

    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    private InputJournal(ChronicleQueue queue) {
        this.queue = queue;
        this.appender = queue.createAppender();
        // Every QuickFIX/J session thread appends; append() serialises them, so Chronicle's check that one
        // thread owns the appender does not apply.
        this.appender.singleThreadedCheckDisabled(true);
    }

    public static InputJournal open(Path dir) {
        ChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .build();
        return new InputJournal(q);
    }

    /**
     * Appends one record. Callers hold the lock that orders the inputs the record describes (a market's), so the
     * journal's order is the order they were acted on; this method serialises appends from different markets.
     */
    public synchronized void append(String record) {
        appender.writeText(record);
    }

    /** Reads every record from the start, in order. */
    public int replay(Consumer<String> handler) {
        int n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            for (String r = tailer.readText(); r != null; r = tailer.readText()) {
                handler.accept(r);
                n++;
            }
        }
        return n;
    }

    public static String record(Object... fields) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(SEP);
            }
            sb.append(fields[i]);
        }
        return sb.toString();
    }

    public static String[] fields(String record) {
        return record.split(String.valueOf(SEP), -1);
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
