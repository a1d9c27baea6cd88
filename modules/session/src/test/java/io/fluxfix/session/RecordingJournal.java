package io.fluxfix.session;

import io.fluxfix.journal.Journal;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link Journal} for tests until the Chronicle one lands: it keeps every record in order and also
 * writes each as a text line to a file, so a test can grep what a journal on disk would hold.
 */
final class RecordingJournal implements Journal {

    record Record(Direction direction, String session, int sessionDay, long seqNum, Object payload) {
    }

    private final List<Record> records = new ArrayList<>();
    private final Path file;

    RecordingJournal(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void appendInbound(String session, Event event) {
        add(new Record(Direction.IN, session, event.stamp().sessionDay(), event.stamp().seqNum(), event));
    }

    @Override
    public synchronized void appendOutbound(String session, long sentNanos, int sessionDay, long msgSeqNum,
                                            Command command) {
        add(new Record(Direction.OUT, session, sessionDay, msgSeqNum, command));
    }

    @Override
    public synchronized boolean holdsInbound(String session, int sessionDay, long msgSeqNum) {
        return msgSeqNum > 0 && records.stream().anyMatch(r -> r.direction == Direction.IN
                && r.session.equals(session) && r.sessionDay == sessionDay && r.seqNum == msgSeqNum);
    }

    private void add(Record r) {
        records.add(r);
        try {
            Files.writeString(file, r + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized List<Record> records() {
        return List.copyOf(records);
    }

    /** The payloads of {@code session}'s records in {@code direction} that are of {@code type}. */
    synchronized <T> List<T> of(String session, Direction direction, Class<T> type) {
        return records.stream().filter(r -> r.direction == direction && r.session.equals(session))
                .map(Record::payload).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
    }
}
