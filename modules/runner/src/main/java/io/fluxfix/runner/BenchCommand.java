package io.fluxfix.runner;

import io.fluxfix.bench.harness.BenchHarness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code fluxfix bench NAME}: one end-to-end benchmark of the harness, its percentiles on stdout. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run one benchmark of the end-to-end harness and print its figures beside its anchor "
                + "(docs/benchmarks.md records them with machine, command and load).",
                "The JMH micro-benchmarks run from modules/bench (see docs/benchmarks.md)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Which benchmark: ${COMPLETION-CANDIDATES}.",
            completionCandidates = BenchHarness.Names.class)
    private String name;

    @Option(names = "--smoke", description = "A few seconds' run that shows the benchmark works (figures mean little).")
    private boolean smoke;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            BenchHarness.run(name, smoke, out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("fluxfix: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (Exception e) {
            err.println("fluxfix: benchmark " + name + " failed: " + e);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
