package io.fluxfix.bench.harness;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Order round trip against the local venue over loopback, plain and TLS 1.3: a limit order sent through a real
 * client session (journal, QuickFIX/J, socket) to the in-process venue (its gateway, matching engine, journal-less),
 * timed until the session delivers the venue's acknowledgement (ExecutionReport 150=0); then the order is cancelled,
 * untimed, so the book stays empty. Closed loop, one order at a time. The anchor, in the same run: a raw loopback
 * TCP ping-pong of a 200-byte message (about a 35=D's size) between two sockets of this JVM. Goal: p50 ≤ 3× the raw
 * round trip. The venue's rate limits are off (the benchmark sends far more than Kraken's counter allows).
 */
final class OrderRoundTrip {

    private static final String KEY = "bench-key";
    private static final String SECRET = "YmVuY2gtc2VjcmV0"; // base64 "bench-secret"

    private OrderRoundTrip() {
    }

    static void run(boolean smoke, PrintWriter out) throws Exception {
        int n = smoke ? 200 : 20_000;
        int warm = smoke ? 100 : 5_000;
        Histogram raw = pingPong(warm, n);
        print(out, "raw TCP ping-pong", raw);
        for (boolean tls : new boolean[] {false, true}) {
            Histogram h = venueRoundTrip(tls, warm, n);
            print(out, "order round trip " + (tls ? "TLS" : "plain"), h);
            out.printf(Locale.ROOT, "  p50 %.1fx the raw round trip (goal <= 3x)%n",
                    (double) h.getValueAtPercentile(50) / Math.max(1, raw.getValueAtPercentile(50)));
            out.flush();
        }
    }

    private static void print(PrintWriter out, String what, Histogram h) {
        out.printf(Locale.ROOT, "%-28s n=%d p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                what + ":", h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        out.flush();
    }

    private static Histogram pingPong(int warm, int n) throws Exception {
        Histogram h = new Histogram(60_000_000_000L, 3);
        byte[] msg = new byte[200];
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream o = s.getOutputStream();
                    byte[] b = new byte[200];
                    while (in.readNBytes(b, 0, b.length) == b.length) {
                        o.write(b);
                    }
                } catch (Exception ignored) {
                    // the client closed: done
                }
            }, "bench-ping-pong");
            echo.start();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                c.setTcpNoDelay(true);
                InputStream in = c.getInputStream();
                OutputStream o = c.getOutputStream();
                byte[] b = new byte[200];
                for (int i = 0; i < warm + n; i++) {
                    long t0 = System.nanoTime();
                    o.write(msg);
                    if (in.readNBytes(b, 0, b.length) != b.length) {
                        throw new IllegalStateException("echo closed");
                    }
                    if (i >= warm) {
                        h.recordValue(System.nanoTime() - t0);
                    }
                }
            }
            echo.join(5_000);
        }
        return h;
    }

    private static Histogram venueRoundTrip(boolean tls, int warm, int n) throws Exception {
        Path dir = Files.createTempDirectory("fluxfix-bench-rtt");
        Histogram h = new Histogram(60_000_000_000L, 3);
        try {
            SelfSignedTls certs = tls ? SelfSignedTls.ensure(dir.resolve("tls"), Duration.ofDays(2), Clock.systemUTC())
                    : null;
            int base;
            try (ServerSocket probe = new ServerSocket(0)) {
                base = 20_000 + probe.getLocalPort() % 20_000;
            }
            // the round trips are measured, not the daily rollover: venue and session roll over 12 h from now
            LocalTime rollover = LocalTime.now(ZoneOffset.UTC).plusHours(12).truncatedTo(ChronoUnit.MINUTES);
            Map<String, String> c = new HashMap<>(Map.ofEntries(
                    Map.entry("venue.port-base", Integer.toString(base)),
                    Map.entry("venue.rollover-time", rollover.toString()),
                    Map.entry("venue.tls", Boolean.toString(tls)),
                    Map.entry("venue.persistence", "false"),
                    Map.entry("venue.data-dir", dir.resolve("venue").toString()),
                    Map.entry("venue.rate-limits.spot.enabled", "false"),
                    Map.entry("accounts.bench.spot-comp-id", "BENCH"),
                    Map.entry("accounts.bench.api-key", KEY),
                    Map.entry("accounts.bench.api-secret", SECRET),
                    Map.entry("accounts.bench.tier", "pro"),
                    Map.entry("accounts.bench.balances.USD", "100000000"),
                    Map.entry("accounts.bench.balances.BTC", "1000"),
                    Map.entry("instruments.BTC/USD.price-precision", "1"),
                    Map.entry("instruments.BTC/USD.qty-precision", "8"),
                    Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                    Map.entry("instruments.BTC/USD.qty-min", "0.0001")));
            VenueConfig config = VenueConfig.read(ConfigSource.of("bench round trip", c));
            try (LocalVenue venue = LocalVenue.start(config, new LocalVenue.Options(InstantSource.system(), true,
                    certs == null ? null : LocalVenue.VenueTls.of(certs), false));
                 ChronicleJournal journal = ChronicleJournal.open(dir.resolve("journal"))) {
                KrakenSessionConfig sc = new KrakenSessionConfig("bench-trading", KrakenEndpoint.SPOT_TRADING,
                        KrakenEnvironment.LOCAL, "localhost", venue.port(KrakenEndpoint.SPOT_TRADING), "BENCH",
                        KrakenEndpoint.SPOT_TRADING.targetCompId(), Duration.ofSeconds(30), false, true,
                        Duration.ofSeconds(1), rollover, tls
                        ? new KrakenSessionConfig.Tls(true, certs.trustStore(), SelfSignedTls.TRUST_STORE_PASSWORD,
                        "PKCS12", true)
                        : new KrakenSessionConfig.Tls(false, null, null, "PKCS12", false), Map.of());
                KrakenClient client = KrakenClient.create(List.of(SessionConfig.of(sc)), DialectOptions.DEFAULTS,
                        journal, new KrakenClient.Options(InstantSource.system(), Schedulers.parallel(),
                                dir.resolve("store"), dir.resolve("log"),
                                Map.of("KRAKEN_FIX_API_KEY", KEY, "KRAKEN_FIX_API_SECRET", SECRET), "bench"));
                try {
                    client.start();
                    KrakenSession s = client.session("bench-trading");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!s.isLoggedOn()) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the session did not log on in 30 s");
                        }
                        Thread.sleep(20); // start-up only; nothing is measured here
                    }
                    BlockingQueue<ExecutionReport> reports = new LinkedBlockingQueue<>();
                    Disposable sub = s.orderEvents().subscribe((Event e) -> {
                        if (e instanceof ExecutionReport er) {
                            reports.add(er);
                        }
                    });
                    try {
                        long id = System.currentTimeMillis() * 1000;
                        for (int i = 0; i < warm + n; i++) {
                            String clOrdId = Long.toString(++id);
                            NewOrder o = NewOrder.limit(clOrdId, "BTC/USD", Side.BUY, Decimal.parse("0.0001"),
                                    Decimal.parse("1000.0"), TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE,
                                    System.currentTimeMillis() * 1_000_000L);
                            long t0 = System.nanoTime();
                            s.send(o).block(Duration.ofSeconds(10));
                            await(reports, clOrdId);
                            if (i >= warm) {
                                h.recordValue(System.nanoTime() - t0);
                            }
                            String cancelId = Long.toString(++id);
                            s.send(new CancelOrder(cancelId, clOrdId, null, "BTC/USD", Side.BUY,
                                    System.currentTimeMillis() * 1_000_000L)).block(Duration.ofSeconds(10));
                            await(reports, cancelId);
                        }
                    } finally {
                        sub.dispose();
                    }
                } finally {
                    client.close();
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return h;
    }

    private static void await(BlockingQueue<ExecutionReport> reports, String clOrdId) throws InterruptedException {
        while (true) {
            ExecutionReport er = reports.poll(10, TimeUnit.SECONDS);
            if (er == null) {
                throw new IllegalStateException("no execution report for " + clOrdId + " within 10 s");
            }
            if (clOrdId.equals(er.clOrdId())) {
                return;
            }
        }
    }
}
