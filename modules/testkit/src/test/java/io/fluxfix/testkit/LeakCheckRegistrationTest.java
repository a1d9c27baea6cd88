package io.fluxfix.testkit;

import static io.fluxfix.testkit.SampleRun.assertPassed;
import static io.fluxfix.testkit.SampleRun.failureMessages;
import static io.fluxfix.testkit.SampleRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxfix.testkit.internal.LeakProbe;
import io.fluxfix.testkit.internal.LeakProbes;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

class LeakCheckRegistrationTest {

    @AfterEach
    void stopSampleThreads() {
        SampleThreads.stopAll();
    }

    @Test
    void autoDetectionRegistersTheExtensionThroughItsServiceFile() {
        assertThat(failureMessages(run(UnannotatedLeakSample.class, true).testEvents())).singleElement().asString()
                .contains("thread 'sample-unannotated-worker'");
    }

    @Test
    void withoutAutoDetectionOrAnnotationNothingIsChecked() {
        assertPassed(run(UnannotatedLeakSample.class, false), 1);
    }

    @Test
    void theAnnotationAloneRegistersTheExtension() {
        assertThat(failureMessages(run(AnnotatedLeakSample.class, false).testEvents())).singleElement().asString()
                .contains("thread 'sample-annotated-worker'");
    }

    @Test
    void allowListsOfMethodAndClassAddUp() {
        assertPassed(run(BothLevelsAllowSample.class, true), 1);
    }

    @Test
    void aNestedClassTakesTheAllowListOfTheClassAroundIt() {
        assertPassed(run(OuterAllowsSample.class, true), 1);
    }

    @Test
    void loadsAndPicksOnlyTheThreadProbeWithoutQuickFixChronicleOrReactor() throws Exception {
        URL[] junitAndTestkit = {codeSource(LeakCheckExtension.class), codeSource(ExtensionContext.class),
                codeSource(AnnotationSupport.class)};
        try (URLClassLoader bare = new URLClassLoader(junitAndTestkit, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("quickfix.Session", false, bare))
                    .isInstanceOf(ClassNotFoundException.class);

            // Initialising the extension links it, which fails if it refers to a missing library's classes.
            Class.forName(LeakCheckExtension.class.getName(), true, bare).getDeclaredConstructor().newInstance();
            List<?> probes = (List<?>) Class.forName(LeakProbes.class.getName(), true, bare)
                    .getMethod("available", ClassLoader.class).invoke(null, bare);

            assertThat(probes).extracting(p -> p.getClass().getSimpleName()).containsExactly("ThreadLeakProbe");
        }
        assertThat(LeakProbes.available(getClass().getClassLoader())).extracting(LeakProbe::getClass)
                .extracting(Class::getSimpleName)
                .containsExactly("ThreadLeakProbe", "QuickFixSessionProbe", "ChronicleCloseableProbe",
                        "ReactorDropProbe");
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @LeakSample
    static class UnannotatedLeakSample {
        @Test
        void leaksAThread() {
            SampleThreads.startParked("sample-unannotated-worker", true);
        }
    }

    @LeakSample
    @LeakCheck(graceMillis = 100)
    static class AnnotatedLeakSample {
        @Test
        void leaksAThread() {
            SampleThreads.startParked("sample-annotated-worker", true);
        }
    }

    @LeakSample
    @LeakCheck(allowThreads = "sample-class-allowed")
    static class BothLevelsAllowSample {
        @Test
        @LeakCheck(allowThreads = "sample-method-allowed-*", graceMillis = 100)
        void leavesOneThreadEachLevelAllows() {
            SampleThreads.startParked("sample-class-allowed", true);
            SampleThreads.startParked("sample-method-allowed-1", true);
        }

        @AfterAll
        static void stopTheMethodAllowedOne() {
            // Method-level allowances cover that test only; by the end of the class the thread must be gone.
            SampleThreads.stopAll();
        }
    }

    @LeakSample
    @LeakCheck(allowThreads = "sample-outer-allowed")
    static class OuterAllowsSample {
        @AfterAll
        static void stopIt() {
            SampleThreads.stopAll();
        }

        @Nested
        class Inner {
            @Test
            void leavesTheThreadTheOuterClassAllows() {
                SampleThreads.startParked("sample-outer-allowed", true);
            }
        }
    }
}
