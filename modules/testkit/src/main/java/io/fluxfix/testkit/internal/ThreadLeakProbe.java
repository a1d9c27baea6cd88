package io.fluxfix.testkit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails a scope that leaves threads running which were not running when it started.
 *
 * <p>Threads are compared by identity, so a new thread that reuses an old name is still seen. Virtual threads
 * are not listed by the JVM and are not checked.
 */
public final class ThreadLeakProbe implements LeakProbe {

    /**
     * Threads that belong to the JVM or to a library as a whole, started lazily by whichever test first needs them
     * and kept for the life of the JVM. They are not a resource any one test owns, so they never count as leaked.
     * Regular expressions for the whole thread name, as narrow as the names the JVM and libraries give them.
     */
    static final List<Pattern> JVM_WIDE_THREADS = Stream.of(
            // JDK: the shared java.lang.ref.Cleaner, started on first use.
            "Common-Cleaner",
            // JDK: reaps child processes (Process, ProcessHandle.onExit) and lingers idle afterwards.
            "process reaper",
            // JDK: started when a tool (jcmd, jstack, an IDE, a profiler) attaches to the JVM.
            "Attach Listener",
            // HotSpot adds and removes JIT compiler threads as load changes; most JDKs hide them, some show them.
            "C[12] CompilerThread\\d+",
            // JDK: the common ForkJoinPool (parallel streams, CompletableFuture.*Async) is JVM-wide.
            "ForkJoinPool\\.commonPool-worker-\\d+",
            // JUnit Jupiter: one watcher thread for @Timeout, kept for the whole test run.
            "junit-jupiter-timeout-watcher",
            // Reactor: the default Schedulers.parallel()/single()/boundedElastic() are cached JVM-wide, like the
            // common pool. A scheduler a test creates itself (Schedulers.newParallel("venue-feed")) is checked.
            "parallel-\\d+", "single-\\d+", "boundedElastic-\\d+", "boundedElastic-evictor-\\d+",
            // Chronicle: the JVM-wide releaser that closes resources in the background, and the singleton disk
            // space monitor (named after the thread that first opened a queue, e.g. "main/disk~space~checker").
            // Chronicle's analytics thread is deliberately absent: if it shows up, analytics were not disabled.
            "background~resource~releaser", "(.*/)?disk~space~checker",
            // QuickFIX/J: one static timer for every SessionConnector in the JVM, never shut down.
            "QFJ Timer",
            // Apache MINA (QuickFIX/J's transport): SslFilter's static two-thread executor for TLS work, shared by
            // every TLS session in the JVM and never shut down.
            "ssl-exec-\\d+",
            // Netty: the JVM-wide GlobalEventExecutor, woken whenever any event-loop group shuts down; it ends
            // by itself about a second after it goes idle.
            "globalEventExecutor-\\d+-\\d+")
            .map(Pattern::compile)
            .toList();

    /** Enough frames to see what the thread is doing and who started it, without drowning the message. */
    private static final int FRAMES_SHOWN = 8;

    @Override
    public Watch start(Watch enclosing, LeakCheckSettings settings) {
        return new ThreadWatch(liveThreads(), (ThreadWatch) enclosing);
    }

    private static final class ThreadWatch implements Watch {
        private final Set<Thread> before;
        private final ThreadWatch enclosing;

        ThreadWatch(Set<Thread> before, ThreadWatch enclosing) {
            this.before = before;
            this.enclosing = enclosing;
        }

        @Override
        public List<Leak> finish(LeakCheckSettings settings) {
            List<Thread> leaked = new ArrayList<>();
            Await.until(() -> {
                leaked.clear();
                leaked.addAll(startedSince(before, settings));
                return leaked.isEmpty();
            }, settings.grace());
            if (enclosing != null) {
                enclosing.before.addAll(leaked);
            }
            List<Leak> leaks = new ArrayList<>();
            for (Thread thread : leaked) {
                leaks.add(Leak.of(describe(thread)));
            }
            return leaks;
        }
    }

    private static List<Thread> startedSince(Set<Thread> before, LeakCheckSettings settings) {
        List<Thread> started = new ArrayList<>();
        for (Thread thread : liveThreads()) {
            String name = thread.getName();
            if (!before.contains(thread) && !settings.allowsThread(name) && !isJvmWide(name)) {
                started.add(thread);
            }
        }
        return started;
    }

    private static boolean isJvmWide(String name) {
        return JVM_WIDE_THREADS.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    private static String describe(Thread thread) {
        StringBuilder text = new StringBuilder()
                .append("thread '").append(thread.getName()).append("' (daemon=").append(thread.isDaemon())
                .append(", state=").append(thread.getState()).append(')');
        Arrays.stream(thread.getStackTrace()).limit(FRAMES_SHOWN)
                .forEach(frame -> text.append(System.lineSeparator()).append("        at ").append(frame));
        return text.toString();
    }
}
