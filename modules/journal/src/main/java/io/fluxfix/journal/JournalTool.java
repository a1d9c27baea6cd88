package io.fluxfix.journal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the {@code fluxfix journal} verbs do ({@code stats}, {@code dump}, {@code tail}); the runner only parses
 * the command line. Every method reports a problem as a {@link JournalException} with a one-line message.
 */
public final class JournalTool {

    private static final long TAIL_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private JournalTool() {
    }

    /** Records per type and per session, the time range and the size of the journal in {@code dir}. */
    public static void stats(Path dir, PrintWriter out) {
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> bySession = new TreeMap<>();
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long size;
        int days;
        long skipped;
        try (JournalReader reader = JournalReader.open(dir);
             JournalReader.Cursor cursor = reader.cursor(ReplayFilter.ALL)) {
            for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
                count++;
                byType.merge(r.type().wireName(), 1L, Long::sum);
                bySession.merge(r.session() + " " + (r.direction() == Journal.Direction.IN ? "in" : "out"), 1L,
                        Long::sum);
                first = Math.min(first, r.timeNanos());
                last = Math.max(last, r.timeNanos());
            }
            size = reader.sizeBytes();
            days = reader.dayFiles();
            skipped = reader.skipped();
        }
        out.println("journal  " + dir);
        out.println("records  " + count + (skipped > 0 ? " (" + skipped + " unreadable, skipped)" : ""));
        out.println("size     " + size + " bytes in " + days + " day file" + (days == 1 ? "" : "s")
                + " (Chronicle sizes them ahead; sparse on disk)");
        out.println("time     " + (count == 0 ? "-" : instant(first) + " .. " + instant(last)));
        out.println("by type:");
        byType.forEach((type, n) -> out.printf("  %-28s %d%n", type, n));
        out.println("by session:");
        bySession.forEach((session, n) -> out.printf("  %-28s %d%n", session, n));
        out.flush();
    }

    /** One line per record {@code filter} accepts: text, or one JSON object per line. Returns the count. */
    public static long dump(Path dir, ReplayFilter filter, boolean json, PrintWriter out) {
        long n = 0;
        try (JournalReader reader = JournalReader.open(dir);
             JournalReader.Cursor cursor = reader.cursor(filter)) {
            for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
                out.println(json ? JournalJson.line(r) : text(r));
                n++;
            }
        }
        out.flush();
        return n;
    }

    /**
     * Follows a live journal: prints each record {@code filter} accepts as it is appended (from the end, or
     * from the start with {@code fromStart}) until {@code keepGoing} turns false or the thread is interrupted.
     */
    public static void tail(Path dir, ReplayFilter filter, boolean json, boolean fromStart, PrintWriter out,
                            BooleanSupplier keepGoing) {
        try (JournalReader reader = JournalReader.open(dir);
             JournalReader.Cursor cursor = fromStart ? reader.cursor(filter) : reader.cursorAtEnd(filter)) {
            while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                JournalRecord r = cursor.next();
                if (r == null) {
                    out.flush();
                    LockSupport.parkNanos(TAIL_IDLE_NANOS); // idle poll of a file another process appends to
                } else {
                    out.println(json ? JournalJson.line(r) : text(r));
                }
            }
        }
        out.flush();
    }

    /** A record as one line of text: time, direction, session, day, seq, type, payload. */
    public static String text(JournalRecord r) {
        return instant(r.timeNanos()) + " " + (r.direction() == Journal.Direction.IN ? "in " : "out") + " "
                + r.session() + " day=" + r.sessionDay() + " seq=" + r.seqNum() + " " + r.type().wireName() + " "
                + r.payload();
    }

    /** Parses a CLI time: an ISO-8601 instant such as {@code 2026-04-07T14:32:05Z}. */
    public static Instant parseTime(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new JournalException(option + " '" + text
                    + "' is not an ISO-8601 instant (e.g. 2026-04-07T14:32:05Z)");
        }
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }
}
