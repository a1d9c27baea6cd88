package io.fluxfix.runner;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code fluxfix} command line: the entry point behind {@code bin/fluxfix}.
 *
 * <p>Tests call {@link #run(String[], PrintWriter, PrintWriter)}, which returns the exit code;
 * only {@link #main(String[])} exits the JVM.
 */
@Command(
        name = "fluxfix",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.VersionProvider.class,
        description = "Reactive trading pipeline for Kraken's FIX 4.4 API.",
        subcommands = {VersionCommand.class, RunCommand.class, VenueCommand.class, JournalCommand.class,
                ImportCommand.class, ReplayCommand.class, BenchCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
public final class Main implements Callable<Integer> {

    /** Exit code for a bad command line: unknown option or command, missing command. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Parses {@code args}, runs the chosen command and returns its exit code; never exits the JVM. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(Main::usageError);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code fluxfix} with no command: say what there is, on stderr, and fail as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /**
     * One line on stderr instead of picocli's message plus the whole usage: the usage is one
     * {@code --help} away, and a single line is what a script's log can show.
     */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine failed = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched) {
            message = describe(unmatched, failed);
        }
        String help = failed.getCommandSpec().qualifiedName() + " --help";
        failed.getErr().println("fluxfix: " + oneLine(message) + " (see '" + help + "')");
        failed.getErr().flush();
        return EXIT_USAGE;
    }

    private static String describe(UnmatchedArgumentException ex, CommandLine failed) {
        List<String> unmatched = ex.getUnmatched();
        boolean hasCommands = !failed.getSubcommands().isEmpty();
        if (!hasCommands || unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            return ex.getMessage();
        }
        String message = "Unknown command: '" + unmatched.get(0) + "'";
        List<String> suggestions = ex.getSuggestions();
        if (!suggestions.isEmpty()) {
            message += "; did you mean '" + suggestions.get(0) + "'?";
        }
        return message;
    }

    private static String oneLine(String message) {
        return message == null ? "invalid command line" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
