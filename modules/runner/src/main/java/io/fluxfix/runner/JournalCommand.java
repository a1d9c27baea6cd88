package io.fluxfix.runner;

import io.fluxfix.journal.JournalException;
import io.fluxfix.journal.JournalTool;
import io.fluxfix.journal.RecordType;
import io.fluxfix.journal.ReplayFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code fluxfix journal}: look into a FluxFix journal (the logic is the journal module's {@link JournalTool}). */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Inspect a FluxFix journal directory: stats, dump, tail, verify.",
        subcommands = {JournalCommand.Stats.class, JournalCommand.Dump.class, JournalCommand.Tail.class,
                JournalCommand.Verify.class},
        synopsisSubcommandLabel = "COMMAND")
final class JournalCommand implements Callable<Integer> {

    /** Exit code when the journal cannot be read as asked (missing, not a journal, bad time). */
    static final int EXIT_JOURNAL = 1;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.EXIT_USAGE;
    }

    /** Runs {@code body}; a journal problem becomes one line on stderr and {@link #EXIT_JOURNAL}. */
    static int guarded(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (JournalException | IllegalArgumentException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("fluxfix: " + e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; "));
            err.flush();
            return EXIT_JOURNAL;
        }
    }

    /** Exit code when books rebuilt over the journal disagree with a checksum it holds. */
    static final int EXIT_MISMATCH = 3;

    /** Filters shared by dump and tail. */
    static final class Filters {
        @Option(names = "--type", paramLabel = "T", split = ",",
                description = "Only these record types, e.g. ExecutionReport,NewOrder (repeatable).")
        List<String> types = List.of();

        @Option(names = "--session", paramLabel = "NAME", split = ",", description = "Only these sessions.")
        List<String> sessions = List.of();

        @Option(names = "--from", paramLabel = "TIME", description = "From this ISO-8601 instant (inclusive).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Up to this ISO-8601 instant (inclusive).")
        String to;

        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        ReplayFilter filter() {
            Set<RecordType> t = EnumSet.noneOf(RecordType.class);
            for (String name : types) {
                t.add(RecordType.ofWireName(name.strip()));
            }
            ReplayFilter f = ReplayFilter.ALL.types(t).sessions(sessions.toArray(String[]::new));
            if (from != null) {
                f = f.from(JournalTool.parseTime("--from", from));
            }
            if (to != null) {
                f = f.to(JournalTool.parseTime("--to", to));
            }
            return f;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Records per type and session, time range and size of a journal.")
    static final class Stats implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
        private Path dir;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                JournalTool.stats(dir, spec.commandLine().getOut());
                return 0;
            });
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Print one line per record, in journal order.")
    static final class Dump implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
        private Path dir;

        @picocli.CommandLine.Mixin
        private Filters filters = new Filters();

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                JournalTool.dump(dir, filters.filter(), filters.json, spec.commandLine().getOut());
                return 0;
            });
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Follow a live journal, printing records as they are appended, until interrupted.")
    static final class Tail implements Callable<Integer> {
        /** Cleared to stop a running tail (tests; Ctrl-C ends the JVM). */
        static final AtomicBoolean RUNNING = new AtomicBoolean(true);

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
        private Path dir;

        @Option(names = "--from-start", description = "Print the records already there first.")
        private boolean fromStart;

        @picocli.CommandLine.Mixin
        private Filters filters = new Filters();

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                JournalTool.tail(dir, filters.filter(), filters.json, fromStart, spec.commandLine().getOut(),
                        RUNNING::get);
                return 0;
            });
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Rebuild the books over a journal and verify every checksum it holds (FIX 5041 or imported).",
                    "Exit code 0 only when there is no mismatch (3 when there is)."})
    static final class Verify implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
        private Path dir;

        @Override
        public Integer call() throws Exception {
            return guarded(spec, () -> {
                BookVerify.Result r = BookVerify.run(dir);
                PrintWriter out = spec.commandLine().getOut();
                r.lines().forEach(out::println);
                out.flush();
                return r.mismatches() == 0 ? 0 : EXIT_MISMATCH;
            });
        }
    }
}
