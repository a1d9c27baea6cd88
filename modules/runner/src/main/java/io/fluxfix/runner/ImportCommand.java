package io.fluxfix.runner;

import io.fluxfix.book.kraken.AssetPairs;
import io.fluxfix.book.kraken.ImportException;
import io.fluxfix.book.kraken.ImportSummary;
import io.fluxfix.book.kraken.KrakenWsImport;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fluxfix import}: bring recorded market data into a FluxFix journal. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import recorded market data into a FluxFix journal.",
        subcommands = {ImportCommand.KrakenWs.class},
        synopsisSubcommandLabel = "COMMAND")
final class ImportCommand implements Callable<Integer> {

    /** Exit code for a file that cannot be imported (missing, unreadable, no frames) or a journal problem. */
    static final int EXIT_INPUT = 1;
    /** Exit code when a checksum of the recording disagrees with the book it rebuilds. */
    static final int EXIT_MISMATCH = 3;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }

    @Command(name = "kraken-ws", mixinStandardHelpOptions = true,
            description = {"Import Kraken WebSocket recordings (v1 book-N/trade frames, v2 book/trade messages; one "
                    + "frame per line, bare or as '<epoch seconds>: <frame>') as market-data events with their "
                    + "original times, verifying every checksum they carry.",
                    "Exit code 0 only when there is no mismatch (3 when there is; 1 for a bad file)."})
    static final class KrakenWs implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0..*", arity = "1..*", paramLabel = "FILE", description = "Recordings, in order.")
        private List<Path> files;

        @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal to append to.")
        private Path journal;

        @Option(names = "--pairs", split = ",", paramLabel = "PAIR",
                description = "Only these pairs, e.g. XBT/USD,ETH/USD (XBT and BTC are the same).")
        private List<String> pairs = List.of();

        @Option(names = "--asset-pairs", paramLabel = "FILE",
                description = "A Kraken REST AssetPairs answer: the precisions of v2 recordings (else inferred).")
        private Path assetPairsFile;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                for (Path f : files) {
                    if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                        throw new ImportException(f + (Files.exists(f) ? " is not a readable file" : " does not exist"));
                    }
                }
                AssetPairs assetPairs = assetPairsFile == null ? null : AssetPairs.read(assetPairsFile);
                ImportSummary summary;
                List<String> notes;
                try (ChronicleJournal j = ChronicleJournal.open(journal)) {
                    KrakenWsImport imp = new KrakenWsImport(assetPairs, new HashSet<>(pairs),
                            e -> j.appendInbound(KrakenWsImport.SESSION, e));
                    for (Path f : files) {
                        imp.importFile(f);
                    }
                    summary = imp.summary();
                    notes = imp.notes();
                }
                notes.forEach(n -> err.println("fluxfix: note: " + n));
                summary.lines().forEach(out::println);
                return summary.clean() ? 0 : EXIT_MISMATCH;
            } catch (ImportException | JournalException | java.io.UncheckedIOException e) {
                err.println("fluxfix: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; "));
                return EXIT_INPUT;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
