package io.fluxfix.runner;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fluxfix version}: which FluxFix this is and which Java runs it. */
@Command(name = "version", description = "Print the FluxFix version and the Java runtime running it.")
final class VersionCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : BuildInfo.versionLines()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }
}
