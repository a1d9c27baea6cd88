package io.fluxfix.session;

import io.fluxfix.journal.Journal;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.session.internal.FixSession;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * FluxFix's client side: the configured Kraken sessions, each on a QuickFIX/J initiator of its own, journaled
 * into one {@link Journal}. Create, subscribe to the sessions' streams, {@link #start()}, and {@link #close()}
 * at the end (it logs out and stops every initiator).
 */
public final class KrakenClient implements AutoCloseable {

    /**
     * What the client needs besides the sessions' config.
     *
     * @param clock       time of events, journal records, nonces and the trading day (tests inject theirs)
     * @param scheduler   where reconnect backoff waits run
     * @param storeDir    QuickFIX/J's file store (sequence numbers survive a restart); null = in memory
     * @param logDir      QuickFIX/J's file logs; null = SLF4J. Both are masked: no credential reaches them
     * @param environment where the API key and secret are looked up (normally {@code System.getenv()})
     * @param origin      the config file, for error messages
     * @param meters      where the sessions' meters go (names in docs/sessions.md, "Metrics"); null = no
     *                    registry: the meters are no-ops (the default)
     */
    public record Options(InstantSource clock, Scheduler scheduler, Path storeDir, Path logDir,
                          Map<String, String> environment, String origin, MeterRegistry meters) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(scheduler, "scheduler");
            environment = Map.copyOf(environment);
        }

        /** Without a meter registry. */
        public Options(InstantSource clock, Scheduler scheduler, Path storeDir, Path logDir,
                       Map<String, String> environment, String origin) {
            this(clock, scheduler, storeDir, logDir, environment, origin, null);
        }

        public static Options defaults(Path storeDir) {
            return new Options(InstantSource.system(), Schedulers.parallel(), storeDir, null, System.getenv(),
                    "config", null);
        }

        /** These options with the sessions' meters registered in {@code registry}. */
        public Options withMeters(MeterRegistry registry) {
            return new Options(clock, scheduler, storeDir, logDir, environment, origin, registry);
        }
    }

    private final Map<String, KrakenSession> sessions = new LinkedHashMap<>();

    private KrakenClient(List<FixSession> fix) {
        for (FixSession f : fix) {
            sessions.put(f.name(), new KrakenSession(f));
        }
    }

    /**
     * Builds every session without connecting; refuses a missing trust store or missing credentials with one
     * {@link io.fluxfix.model.config.ConfigException} line.
     */
    public static KrakenClient create(List<SessionConfig> configs, DialectOptions dialect, Journal journal,
                                      Options options) {
        Objects.requireNonNull(journal, "journal");
        List<FixSession> built = new ArrayList<>();
        for (SessionConfig c : configs) {
            Credentials credentials = c.connection().endpoint().isTrading()
                    ? Credentials.resolve(c, options.environment(), options.origin()) : null;
            built.add(new FixSession(c, dialect, journal, options.clock(), credentials, options.scheduler(),
                    options.storeDir(), options.logDir(), options.meters()));
        }
        return new KrakenClient(built);
    }

    /** Connects every session; each logs on, and after any drop logs on again with backoff. */
    public KrakenClient start() {
        for (KrakenSession s : sessions.values()) {
            s.fix().start();
        }
        return this;
    }

    public KrakenSession session(String name) {
        KrakenSession s = sessions.get(name);
        if (s == null) {
            throw new NoSuchElementException("no session named " + name + " (configured: " + sessions.keySet() + ")");
        }
        return s;
    }

    public List<KrakenSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public void close() {
        for (KrakenSession s : sessions.values()) {
            s.fix().close();
        }
    }
}
