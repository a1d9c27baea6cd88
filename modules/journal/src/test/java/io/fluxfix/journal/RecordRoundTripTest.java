package io.fluxfix.journal;

import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event and command comes back from the journal equal to what went in, field for field. */
class RecordRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void everyEventAndCommandRoundTripsExactly() {
        List<Event> events = Samples.events(1);
        List<Command> commands = Samples.commands();
        try (ChronicleJournal journal = ChronicleJournal.open(dir)) {
            events.forEach(e -> journal.appendInbound("spot-trading", e));
            for (int i = 0; i < commands.size(); i++) {
                journal.appendOutbound("spot-md", Samples.T0 + i, Samples.DAY + 1, 100 + i, commands.get(i));
            }
        }
        List<JournalRecord> records;
        try (JournalReader reader = JournalReader.open(dir)) {
            records = reader.replay().collectList().block();
            assertThat(reader.skipped()).isZero();
        }
        assertThat(records).hasSize(events.size() + commands.size());

        for (int i = 0; i < events.size(); i++) {
            JournalRecord r = records.get(i);
            Event e = events.get(i);
            assertThat(r.direction()).isEqualTo(Journal.Direction.IN);
            assertThat(r.session()).isEqualTo("spot-trading");
            assertThat(r.timeNanos()).isEqualTo(e.stamp().receivedNanos());
            assertThat(r.sessionDay()).isEqualTo(e.stamp().sessionDay());
            assertThat(r.seqNum()).isEqualTo(e.stamp().seqNum());
            assertThat(r.type()).isEqualTo(RecordType.of(e));
            assertThat(r.event()).isEqualTo(e);
            // Decimal equality is numeric: the text shows that the written scale came back too.
            assertThat(r.event()).hasToString(e.toString());
        }
        for (int i = 0; i < commands.size(); i++) {
            JournalRecord r = records.get(events.size() + i);
            Command c = commands.get(i);
            assertThat(r.direction()).isEqualTo(Journal.Direction.OUT);
            assertThat(r.session()).isEqualTo("spot-md");
            assertThat(r.timeNanos()).isEqualTo(Samples.T0 + i);
            assertThat(r.sessionDay()).isEqualTo(Samples.DAY + 1);
            assertThat(r.seqNum()).isEqualTo(100 + i);
            assertThat(r.type()).isEqualTo(RecordType.of(c));
            assertThat(r.command()).isEqualTo(c).hasToString(c.toString());
        }
    }

    @Test
    void theSamplesCoverEveryRecordType() {
        Set<RecordType> covered = EnumSet.noneOf(RecordType.class);
        Samples.events(1).forEach(e -> covered.add(RecordType.of(e)));
        Samples.commands().forEach(c -> covered.add(RecordType.of(c)));
        assertThat(covered).containsExactlyInAnyOrder(RecordType.values());
    }

    @Test
    void typeNamesAndCodesAreUniqueAndResolve() {
        for (RecordType t : RecordType.values()) {
            assertThat(RecordType.ofCode(t.code())).isSameAs(t);
            assertThat(RecordType.ofWireName(t.wireName().toLowerCase())).isSameAs(t);
        }
        assertThat(RecordType.ofCode(0)).isNull();
    }
}
