package io.fluxfix.testkit.jvm;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM running {@code main} on this test JVM's class path, with the flags Chronicle
 * and Agrona need that this JVM was started with (Surefire's argLine) — for tests that kill a process with
 * SIGKILL ({@code Process.destroyForcibly()}) and look at what it left behind.
 */
public final class ForkedJvm {

    private ForkedJvm() {
    }

    public static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("--enable-native-access")
                        || a.startsWith("--sun-misc") || a.startsWith("-Dchronicle"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
