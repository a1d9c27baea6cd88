package io.fluxfix.journal;

import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.testkit.jvm.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed (SIGKILL) while appending leaves a journal that opens, replays every complete record and
 * takes new appends.
 */
class TornTailTest {

    @TempDir
    Path dir;

    /** The forked writer: appends increments with seq 1, 2, 3 ... until it is killed; prints "started" once. */
    public static final class Writer {
        public static void main(String[] args) {
            try (ChronicleJournal journal = ChronicleJournal.open(Path.of(args[0]))) {
                for (long seq = 1; ; seq++) {
                    journal.appendInbound("spot-md", new MarketDataIncrement(new Stamp(seq, 1, seq), "md-1",
                            "BTC/USD", List.of(Samples.richEntry(), Samples.richEntry()), 42));
                    if (seq == 10_000) {
                        System.out.println("started");
                        System.out.flush();
                    }
                }
            }
        }
    }

    /** Runs {@link Writer} on {@code dir} in another JVM until it has appended 10,000 records, then kills it. */
    static void writeUntilKilled(Path dir) throws Exception {
        List<String> command = ForkedJvm.command(Writer.class, dir.toString());
        Process writer = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the writer got going").isEqualTo("started");
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWriterKilledMidAppendLeavesAJournalThatReplaysEveryCompleteRecord() throws Exception {
        writeUntilKilled(dir);

        long count;
        try (JournalReader reader = JournalReader.open(dir)) {
            List<JournalRecord> records = reader.replay().collectList().block();
            count = records.size();
            assertThat(count).isGreaterThanOrEqualTo(10_000);
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).seqNum()).isEqualTo(i + 1);
            }
            assertThat(reader.skipped()).isZero();
        }

        try (ChronicleJournal journal = ChronicleJournal.builder(dir).open()) {
            assertThat(journal.holdsInbound("spot-md", 1, count)).isTrue();
            assertThat(journal.holdsInbound("spot-md", 1, count + 1)).isFalse();
            journal.appendInbound("spot-trading", Samples.executionReport(1, true));
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            List<JournalRecord> after = reader.replay().collectList().block();
            assertThat(after).hasSize((int) count + 1);
            assertThat(after.get(after.size() - 1).event()).isInstanceOf(ExecutionReport.class);
        }
    }
}
