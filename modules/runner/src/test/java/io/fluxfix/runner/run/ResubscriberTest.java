package io.fluxfix.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** How the runner rebuilds a dropped book: unsubscribe, subscribe again under a new id, not too often. */
class ResubscriberTest {

    private final List<Sinks.Many<String>> feeds = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private Flux<String> feed(int generation) {
        Sinks.Many<String> s = Sinks.many().multicast().directBestEffort();
        feeds.add(s);
        return s.asFlux()
                .doOnSubscribe(x -> log.add("subscribe " + generation))
                .doOnCancel(() -> log.add("unsubscribe " + generation));
    }

    @Test
    void aRequestReplacesTheSubscriptionAndRequestsCloseTogetherAreIgnored() {
        // a scheduler whose tasks run only when the test says (runAll)
        java.util.Queue<Runnable> tasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Scheduler scheduler = Schedulers.fromExecutor(tasks::add);
        Runnable runAll = () -> {
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
            }
        };
        Resubscriber<String> r = new Resubscriber<>(this::feed, Duration.ofSeconds(5), clock::get, scheduler);

        StepVerifier.create(r.flux())
                .then(() -> feeds.get(0).tryEmitNext("snapshot 1"))
                .expectNext("snapshot 1")
                .then(() -> {
                    assertThat(r.request("checksum")).isTrue();
                    assertThat(log).as("not on the asking thread").containsExactly("subscribe 1");
                    runAll.run();
                })
                .then(() -> feeds.get(1).tryEmitNext("snapshot 2"))
                .expectNext("snapshot 2")
                .then(() -> {
                    assertThat(log).containsExactly("subscribe 1", "unsubscribe 1", "subscribe 2");
                    // a second bad update a second later: ignored
                    clock.addAndGet(Duration.ofSeconds(1).toNanos());
                    assertThat(r.request("crossed")).isFalse();
                    runAll.run();
                    assertThat(feeds).hasSize(2);
                    // after the interval a request is honoured again
                    clock.addAndGet(Duration.ofSeconds(5).toNanos());
                    assertThat(r.request("checksum")).isTrue();
                    runAll.run();
                    assertThat(feeds).hasSize(3);
                })
                .then(() -> feeds.get(1).tryEmitNext("late from 2"))
                .then(() -> feeds.get(2).tryEmitNext("snapshot 3"))
                .expectNext("snapshot 3")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(log).endsWith("unsubscribe 3");
        scheduler.dispose();
    }
}
