package io.fluxfix.testkit;

import static io.fluxfix.testkit.SampleRun.assertPassed;
import static io.fluxfix.testkit.SampleRun.failureMessages;
import static io.fluxfix.testkit.SampleRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;

class ReactorDropLeakCheckTest {

    @Test
    void failsATestInWhichAnOperatorDropsAnError() {
        EngineExecutionResults results = run(DropsErrorSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("Reactor dropped an onError signal: java.lang.IllegalStateException: venue rejected late");
    }

    @Test
    void failsATestInWhichAnOperatorDropsAValue() {
        EngineExecutionResults results = run(DropsValueSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("Reactor dropped an onNext signal: java.lang.String fill-after-complete");
    }

    @Test
    void passesATestWhoseFluxTerminatesOnce() {
        assertPassed(run(TerminatesOnceSample.class), 1);
    }

    @Test
    void letsATestThatDropsOnPurposeAllowIt() {
        assertPassed(run(AllowsDropsSample.class), 1);
    }

    @Test
    void keepsCheckingTheTestsAfterOneThatAllowedDrops() {
        EngineExecutionResults results = run(AllowsThenDropsSample.class);

        assertThat(failureMessages(results.testEvents())).singleElement().asString()
                .contains("test b_dropsAnError()");
    }

    /**
     * A source that breaks the Reactive Streams rules by erroring after it completed; {@code map} must drop that
     * error. (Flux.create's sink would not do: it ignores an error after complete without dropping it.)
     */
    static Flux<String> errorAfterComplete() {
        Publisher<String> misbehaving = subscriber -> {
            subscriber.onSubscribe(Operators.emptySubscription());
            subscriber.onNext("ack");
            subscriber.onComplete();
            subscriber.onError(new IllegalStateException("venue rejected late"));
        };
        return Flux.from(misbehaving).map(String::toUpperCase);
    }

    @LeakSample
    static class DropsErrorSample {
        @Test
        void subscribesToAFluxThatErrorsAfterCompleting() {
            assertThat(errorAfterComplete().collectList().block()).containsExactly("ACK");
        }
    }

    @LeakSample
    static class DropsValueSample {
        @Test
        void subscribesToAFluxThatEmitsAfterCompleting() {
            Flux<String> late = Flux.create(sink -> {
                sink.complete();
                sink.next("fill-after-complete");
            });
            assertThat(late.collectList().block()).isEmpty();
        }
    }

    @LeakSample
    static class TerminatesOnceSample {
        @Test
        void subscribesToAWellBehavedFlux() {
            assertThat(Flux.just("ack", "fill").collectList().block()).containsExactly("ack", "fill");
        }
    }

    @LeakSample
    static class AllowsDropsSample {
        @Test
        @LeakCheck(allowDroppedSignals = true)
        void dropsAnErrorOnPurpose() {
            errorAfterComplete().blockLast();
        }
    }

    @LeakSample
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class AllowsThenDropsSample {
        @Test
        @LeakCheck(allowDroppedSignals = true)
        void a_dropsAnErrorOnPurpose() {
            errorAfterComplete().blockLast();
            // What StepVerifier.verifyThenAssertThat() does when it is done watching for drops.
            Hooks.resetOnErrorDropped();
            Hooks.resetOnNextDropped();
        }

        @Test
        void b_dropsAnError() {
            errorAfterComplete().blockLast();
        }
    }
}
