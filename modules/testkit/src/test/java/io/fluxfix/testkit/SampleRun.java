package io.fluxfix.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs a {@link LeakSample} class in a JUnit Jupiter engine of its own, inside the calling test. */
final class SampleRun {

    private static final String SAMPLE_PARAMETER = "fluxfix.testkit.leak-sample";
    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    private SampleRun() {
    }

    /** With extension auto-detection on, as in a module that enables it in junit-platform.properties. */
    static EngineExecutionResults run(Class<?> sample) {
        return run(sample, true);
    }

    static EngineExecutionResults run(Class<?> sample, boolean autodetection) {
        return EngineTestKit.engine("junit-jupiter")
                // Only the parameters given here, not the testkit's own junit-platform.properties.
                .enableImplicitConfigurationParameters(false)
                .configurationParameter(SAMPLE_PARAMETER, "true")
                .configurationParameter(AUTODETECTION, String.valueOf(autodetection))
                .selectors(selectClass(sample))
                .execute();
    }

    /** Asserts that the sample ran {@code tests} tests and that neither they nor any container failed. */
    static void assertPassed(EngineExecutionResults results, int tests) {
        results.containerEvents().assertStatistics(s -> s.failed(0));
        results.testEvents().assertStatistics(s -> s.started(tests).succeeded(tests));
    }

    /** The messages of the failures among {@code events}, in order. */
    static List<String> failureMessages(Events events) {
        return events.failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable()
                        .map(Throwable::getMessage).orElse(""))
                .toList();
    }

    /** The condition behind {@link LeakSample}. */
    static boolean launchedBySampleRun(ExtensionContext context) {
        return context.getConfigurationParameter(SAMPLE_PARAMETER).map(Boolean::parseBoolean).orElse(false);
    }
}
