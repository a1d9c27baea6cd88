package io.fluxfix.runner.run;

import io.fluxfix.journal.Journal;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal as the runner hands it to the sessions: every append goes through to the real journal and is
 * counted ({@code fluxfix_journal_appends_total{direction}}); an append that fails is remembered, so
 * {@code /health} can say the journal is not writable and why.
 */
final class MeteredJournal implements Journal {

    static final String APPENDS = "fluxfix.journal.appends";
    static final String FAILURES = "fluxfix.journal.append-failures";

    private final Journal journal;
    private final Path dir;
    private final Counter in;
    private final Counter out;
    private final Counter failures;
    private volatile String lastFailure;
    private volatile boolean closed;

    MeteredJournal(Journal journal, Path dir, MeterRegistry registry) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.dir = dir;
        this.in = Counter.builder(APPENDS).tag("direction", "in").description("Records appended to the journal")
                .register(registry);
        this.out = Counter.builder(APPENDS).tag("direction", "out").description("Records appended to the journal")
                .register(registry);
        this.failures = Counter.builder(FAILURES).description("Journal appends that failed").register(registry);
    }

    @Override
    public void appendInbound(String session, Event event) {
        try {
            journal.appendInbound(session, event);
            in.increment();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public void appendOutbound(String session, long sentNanos, int sessionDay, long msgSeqNum, Command command) {
        try {
            journal.appendOutbound(session, sentNanos, sessionDay, msgSeqNum, command);
            out.increment();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private void failed(RuntimeException e) {
        failures.increment();
        lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public boolean holdsInbound(String session, int sessionDay, long msgSeqNum) {
        return journal.holdsInbound(session, sessionDay, msgSeqNum);
    }

    /** Why the journal cannot take records now, or empty when it can. */
    Optional<String> notWritable() {
        if (closed) {
            return Optional.of("journal closed");
        }
        if (lastFailure != null) {
            return Optional.of("journal append failed: " + lastFailure);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            return Optional.of("journal directory " + dir + " is not writable");
        }
        return Optional.empty();
    }

    long appended() {
        return (long) (in.count() + out.count());
    }

    @Override
    public void close() {
        closed = true;
        journal.close();
    }
}
