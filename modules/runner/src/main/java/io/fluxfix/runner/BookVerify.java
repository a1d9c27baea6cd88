package io.fluxfix.runner;

import io.fluxfix.book.BookAlert;
import io.fluxfix.book.ChecksumAudit;
import io.fluxfix.journal.Journal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code fluxfix journal verify}: the book module's {@link ChecksumAudit} over every record of a journal. */
final class BookVerify {

    private static final int SHOWN_ALERTS = 20;

    private BookVerify() {
    }

    /** The figures, one per line, and the number of mismatches. */
    record Result(List<String> lines, long mismatches) {
    }

    static Result run(Path dir) {
        ChecksumAudit audit = new ChecksumAudit(SHOWN_ALERTS);
        long records = 0;
        long skipped;
        try (JournalReader reader = JournalReader.open(dir);
             JournalReader.Cursor cursor = reader.cursor(ReplayFilter.ALL)) {
            for (JournalRecord r = cursor.next(); r != null; r = cursor.next()) {
                records++;
                if (r.direction() == Journal.Direction.OUT) {
                    audit.acceptCommand(r.session(), r.command());
                } else {
                    audit.accept(r.session(), r.event());
                }
            }
            skipped = reader.skipped();
        }
        List<String> lines = new ArrayList<>();
        lines.add("records read: " + records + (skipped > 0 ? " (" + skipped + " unreadable, skipped)" : ""));
        lines.add("snapshots: " + audit.snapshots());
        lines.add("updates: " + audit.updates());
        lines.add("updates not verified: " + audit.ignored());
        lines.add("checksums verified: " + audit.checksumsVerified());
        lines.add("checksum mismatches: " + audit.checksumMismatches());
        for (BookAlert a : audit.alerts()) {
            if (a.kind() != BookAlert.Kind.RESET) {
                lines.add(a.kind().name().toLowerCase().replace('_', ' ') + ": " + a.symbol() + " (" + a.mdReqId()
                        + ") at " + Instant.ofEpochSecond(0, a.nanos()) + ": " + a.detail());
            }
        }
        return new Result(lines, audit.checksumMismatches());
    }
}
