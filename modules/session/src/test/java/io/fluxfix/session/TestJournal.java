package io.fluxfix.session;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.Journal.Direction;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real client journal ({@link ChronicleJournal}) in a test's directory, plus a reader that reads it back as
 * it grows: what a test asserts about the journal is what Chronicle holds on disk, not what was handed to it.
 */
final class TestJournal implements AutoCloseable {

    final Path dir;
    final ChronicleJournal journal;
    private final JournalReader reader;
    private final JournalReader.Cursor cursor;
    private final List<JournalRecord> read = new ArrayList<>();

    TestJournal(Path dir) {
        this.dir = dir;
        this.journal = ChronicleJournal.open(dir);
        this.reader = journal.reader();
        this.cursor = reader.cursor(ReplayFilter.ALL);
    }

    /** Every record in the journal now, in journal order. */
    synchronized List<JournalRecord> records() {
        for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
            read.add(r);
        }
        return List.copyOf(read);
    }

    /** {@code session}'s records in {@code direction}. */
    List<JournalRecord> records(String session, Direction direction) {
        return records().stream().filter(r -> r.direction() == direction && r.session().equals(session)).toList();
    }

    /** The payloads of {@code session}'s records in {@code direction} that are of {@code type}. */
    <T> List<T> of(String session, Direction direction, Class<T> type) {
        return records(session, direction).stream().map(JournalRecord::payload).filter(type::isInstance)
                .map(type::cast).toList();
    }

    /** How many records hold a payload equal to {@code payload}. */
    long count(Object payload) {
        return records().stream().filter(r -> r.payload().equals(payload)).count();
    }

    @Override
    public synchronized void close() {
        cursor.close();
        reader.close();
        journal.close();
    }
}
