package io.fluxfix.runner;

import io.fluxfix.testkit.net.FreePorts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/fluxfix venue} as a real process (the jar {@code package} just built, {@code FLUXFIX_NO_BUILD=1})
 * in a temporary working directory, so the default config's relative {@code data-dir: data/venue} lands there, and
 * talks to it the way a user would: the banner on stdout, raw FIX over TLS with the trust store it made, the admin
 * HTTP endpoint, SIGTERM and a restart in the same directory.
 *
 * <p>One venue process is shared by the ordered tests 1 to 4 (a JVM start and a venue start cost seconds on a small
 * machine); test 4 stops it and starts it again. Tests 5 and 6 start processes of their own. Every process is
 * killed (with its descendants) by the test that started it or by {@link #killLeftovers()}/{@link #stopShared()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VenueCommandIT {

    private static final Duration START = Duration.ofSeconds(45);
    private static final Duration STOP = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final Path ROOT = Path.of(requiredProperty("fluxfix.repo.root"));
    private static final Path LAUNCHER = ROOT.resolve("bin/fluxfix");

    private static final String DEMO_KEY = "demo-key";
    private static final String DEMO_SECRET = "ZGVtby1zZWNyZXQ=";   // base64 "demo-secret", config/venue-local.yaml
    private static final String DEMO2_KEY = "demo2-key";
    private static final String DEMO2_SECRET = "ZGVtbzItc2VjcmV0";  // base64 "demo2-secret"
    private static final String TRUST_STORE_PASSWORD = "changeit";

    /** Kraken's layout: offset from the port base → TargetCompID. */
    private static final List<String> TARGETS = List.of(
            "KRAKEN-MD", "KRAKEN-TRD", "KRAKEN-DRV-MD", "KRAKEN-DRV-TRD", "KRAKEN-DRV-MD", "KRAKEN-MD");

    private static final Pattern PORT_LINE = Pattern.compile("^\\s+127\\.0\\.0\\.1:(\\d+)\\s.*TargetCompID (\\S+).*$");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\\b");
    private static final Pattern TRUST_STORE_LINE =
            Pattern.compile("^\\s*trust store for clients: (.+) \\(PKCS12, password changeit\\)$");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private final List<VenueProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lastNonce = new AtomicLong();
    private final AtomicLong lastClOrdId = new AtomicLong();

    /** The shared venue (tests 1 to 4): its working directory and port base. */
    private Path venueDir;
    private int base;
    private VenueProcess venue;
    private String fingerprint;
    /** DEMO's next outgoing MsgSeqNum: the venue keeps sequence numbers across logons and restarts. */
    private int demoNextSeq = 1;

    @BeforeAll
    void startSharedVenue() throws Exception {
        venueDir = Files.createDirectories(temp.resolve("venue-run")).toRealPath();
        base = FreePorts.venueBase();
        venue = start(venueDir, "venue", "--port-base", Integer.toString(base));
        venue.awaitReady();
    }

    @AfterEach
    void killLeftovers() {
        // Processes a test started for itself; the shared one lives until @AfterAll.
        for (VenueProcess p : List.copyOf(processes)) {
            if (p != venue) {
                p.close();
                processes.remove(p);
            }
        }
    }

    @AfterAll
    void stopShared() {
        for (VenueProcess p : List.copyOf(processes)) {
            p.close();
        }
        processes.clear();
    }

    // --- 1. the banner ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void bannerListsPortsTrustStoreFingerprintAndAccountsButNoSecret() throws Exception {
        List<String> out = venue.out.lines();

        List<String> ports = new ArrayList<>();
        for (String line : out) {
            Matcher m = PORT_LINE.matcher(line);
            if (m.matches()) {
                ports.add(m.group(1) + " " + m.group(2));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < TARGETS.size(); i++) {
            expected.add((base + i) + " " + TARGETS.get(i));
        }
        assertThat(ports).as(venue.dump()).containsExactlyElementsOf(expected);

        Path trustStore = trustStoreFromBanner(venue);
        assertThat(trustStore).isAbsolute().isEqualTo(venueDir.resolve("data/venue/tls/trust.p12"));
        assertThat(trustStore).isRegularFile();

        fingerprint = fingerprintFromBanner(venue);
        assertThat(fingerprint).as("the banner's fingerprint is the trust store's certificate")
                .isEqualTo(sha256Fingerprint(trustStore));

        assertThat(out).as(venue.dump())
                .anySatisfy(l -> assertThat(l).matches("\\s+DEMO / DEMO-DRV\\s+key demo-key\\b.*"))
                .anySatisfy(l -> assertThat(l).matches("\\s+DEMO2 / DEMO2-DRV\\s+key demo2-key\\b.*"));
        assertThat(out.get(out.size() - 1)).startsWith("Ready.");

        String keyStorePassword = Files.readString(venueDir.resolve("data/venue/tls/venue-key.password")).strip();
        assertThat(keyStorePassword).isNotBlank();
        assertNoSecrets(venue, keyStorePassword);
    }

    // --- 2. trading over TLS ---------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void signedLogonsOverTlsTradeAndFill() {
        Path trustStore = venueDir.resolve("data/venue/tls/trust.p12");
        try (DemoSession session = new DemoSession(trustStore);
             FixConnection demo2 = tls(base + 1, "DEMO2", "KRAKEN-TRD", trustStore)) {
            FixConnection demo = session.fix;
            logOn(demo, DEMO_KEY, DEMO_SECRET, "8674=1");
            String buy = clOrdId();
            demo.send("D", "11=" + buy + "|55=BTC/USD|54=1|40=2|44=50000|38=0.01|59=1|60=" + now());
            FixMessage ack = awaitReport(demo, buy, "0");
            assertThat(ack.get(39)).isEqualTo("0");
            assertThat(ack.get(37)).isNotBlank();

            logOn(demo2, DEMO2_KEY, DEMO2_SECRET);
            String sell = clOrdId();
            demo2.send("D", "11=" + sell + "|55=BTC/USD|54=2|40=2|44=50000|38=0.01|59=1|60=" + now());

            FixMessage sold = awaitReport(demo2, sell, "F");
            FixMessage bought = awaitReport(demo, buy, "F");
            for (FixMessage fill : List.of(sold, bought)) {
                assertThat(fill.get(39)).as(fill.toString()).isEqualTo("2");
                assertThat(new BigDecimal(fill.get(32))).isEqualByComparingTo("0.01");
                assertThat(new BigDecimal(fill.get(31))).isEqualByComparingTo("50000");
                assertThat(new BigDecimal(fill.get(151))).isEqualByComparingTo("0");
            }
            assertThat(bought.get(37)).isEqualTo(ack.get(37));

            logOut(demo2);
            logOut(demo);
        }
        try (FixConnection drv = tls(base + 3, "DEMO-DRV", "KRAKEN-DRV-TRD", trustStore)) {
            logOn(drv, DEMO_KEY, DEMO_SECRET);
            logOut(drv);
        }
    }

    // --- 3. the admin endpoint -------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void adminStateShowsTheLoggedOnSessionAndBalancesAndMetricsCountOrdersAndFills() throws Exception {
        Path trustStore = venueDir.resolve("data/venue/tls/trust.p12");
        try (DemoSession session = new DemoSession(trustStore)) {
            FixConnection demo = session.fix;
            logOn(demo, DEMO_KEY, DEMO_SECRET, "8674=1");

            HttpReply reply = httpGet(base + 10, "/state");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.header("content-type")).startsWith("application/json");
            JsonNode state = JSON.readTree(reply.body());

            JsonNode demoSession = null;
            for (JsonNode s : state.path("sessions")) {
                if (s.path("compId").asText().equals("DEMO")) {
                    demoSession = s;
                }
            }
            assertThat(demoSession).as("DEMO in %s", state.path("sessions")).isNotNull();
            assertThat(demoSession.path("loggedOn").asBoolean()).as(demoSession.toString()).isTrue();
            assertThat(demoSession.path("market").asText()).isEqualTo("spot");

            // Test 2's trade: DEMO bought 0.01 BTC from DEMO2 at 50000. Kraken's default fee currency is the quote
            // when buying and the base when selling; DEMO was the maker (0.16 %), DEMO2 the taker (0.26 %).
            JsonNode balances = state.path("accounts");
            assertThat(decimal(balances, "demo", "BTC")).isEqualByComparingTo("10.01");
            assertThat(decimal(balances, "demo", "USD")).isEqualByComparingTo("999499.2");     // 500 + 0.8 fee
            assertThat(decimal(balances, "demo2", "BTC")).isEqualByComparingTo("9.989974");    // 0.01 + 0.000026 fee
            assertThat(decimal(balances, "demo2", "USD")).isEqualByComparingTo("1000500");

            HttpReply metrics = httpGet(base + 10, "/metrics");
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            assertThat(metrics.body()).contains("venue_orders_total").contains("venue_fills_total");
            assertThat(sampleSum(metrics.body(), "venue_orders_total")).as(metrics.body()).isGreaterThanOrEqualTo(2);
            assertThat(sampleSum(metrics.body(), "venue_fills_total")).as(metrics.body()).isGreaterThanOrEqualTo(2);

            logOut(demo);
        }
    }

    // --- 4. SIGTERM and restart ------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void sigtermStopsItAndARestartKeepsCertificateAndOpenOrders() throws Exception {
        Path trustStore = venueDir.resolve("data/venue/tls/trust.p12");
        String before = fingerprint != null ? fingerprint : fingerprintFromBanner(venue);
        String keyStorePassword = Files.readString(venueDir.resolve("data/venue/tls/venue-key.password")).strip();
        String resting = clOrdId();
        String restingOrderId;
        VenueProcess first = venue;
        try (DemoSession session = new DemoSession(trustStore)) {
            FixConnection demo = session.fix;
            // 8674=1: no cancel-on-disconnect, so the order survives the venue going away under the session.
            logOn(demo, DEMO_KEY, DEMO_SECRET, "8674=1");
            demo.send("D", "11=" + resting + "|55=BTC/USD|54=1|40=2|44=40000|38=0.01|59=1|60=" + now());
            restingOrderId = awaitReport(demo, resting, "0").get(37);

            long t0 = System.nanoTime();
            int exit = first.stop(STOP);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("VenueCommandIT: SIGTERM -> exit %d after %d ms%n", exit, tookMs);
            assertThat(exit).as("exit status after SIGTERM\n" + first.dump()).isEqualTo(143);
            assertThat(demo.awaitDisconnect(WAIT)).as("the stopped venue closed DEMO's connection").isTrue();
        }
        Path data = venueDir.resolve("data/venue");
        assertThat(data.resolve("tls/trust.p12")).isRegularFile();
        assertThat(data.resolve("fix-store")).isDirectoryContaining(p -> p.getFileName().toString().contains("DEMO"));
        assertThat(data.resolve("journal")).isNotEmptyDirectory();
        // Nothing the first run printed, logs included, holds a secret.
        assertNoSecrets(first, keyStorePassword);

        venue = start(venueDir, "venue", "--port-base", Integer.toString(base));
        venue.awaitReady();
        assertThat(fingerprintFromBanner(venue)).as("the certificate is reused").isEqualTo(before);
        assertThat(trustStoreFromBanner(venue)).isEqualTo(trustStore);

        HttpReply reply = httpGet(base + 10, "/state");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode open = JSON.readTree(reply.body()).path("openOrders").path("demo").path("BTC/USD");
        JsonNode order = null;
        for (JsonNode o : open) {
            if (o.path("orderId").asText().equals(restingOrderId)) {
                order = o;
            }
        }
        assertThat(order).as("order %s among DEMO's open orders %s", restingOrderId, open).isNotNull();
        assertThat(order.path("clOrdId").asText()).isEqualTo(resting);
        assertThat(order.path("leaves").decimalValue()).isEqualByComparingTo("0.01");

        try (DemoSession session = new DemoSession(trustStore)) {
            FixConnection demo = session.fix;
            logOn(demo, DEMO_KEY, DEMO_SECRET, "8674=1");
            String status = clOrdId();
            demo.send("H", "11=" + status + "|37=" + restingOrderId + "|55=BTC/USD");
            FixMessage report = awaitReport(demo, status, "I");
            assertThat(report.get(39)).as(report.toString()).isEqualTo("0");
            assertThat(report.get(41)).isEqualTo(resting);
            logOut(demo);
        }

        int exit = venue.stop(STOP);
        assertThat(exit).as("exit status of the restarted venue after SIGTERM\n" + venue.dump()).isEqualTo(143);
    }

    // --- 5. --no-tls -----------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void noTlsWarnsLoudlyOnStderrAndServesPlainFix() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plain-run")).toRealPath();
        int plainBase = FreePorts.venueBase();
        VenueProcess plain = start(dir, "venue", "--no-tls", "--port-base", Integer.toString(plainBase));
        plain.awaitReady();

        List<String> warnings = plain.err.lines().stream().filter(l -> l.contains("TLS IS OFF")).toList();
        assertThat(warnings).as(plain.dump()).singleElement().asString().startsWith("fluxfix: WARNING: TLS IS OFF");
        assertThat(plain.out.lines()).as(plain.dump()).anySatisfy(l -> assertThat(l).contains("TLS: OFF"))
                .noneSatisfy(l -> assertThat(l).contains("trust store"));

        try (FixConnection demo = FixConnection.plain("localhost", plainBase + 1)
                .senderCompId("DEMO").targetCompId("KRAKEN-TRD")) {
            logOn(demo, DEMO_KEY, DEMO_SECRET);
            logOut(demo);
        }
        assertThat(plain.stop(STOP)).as(plain.dump()).isEqualTo(143);
        assertThat(dir.resolve("data/venue/tls")).doesNotExist();
    }

    // --- 6. bad configuration --------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void aBadValueExitsOneWithOneLineNamingTheFileAndTheKey() throws Exception {
        // The shipped configuration with one bad value: the only thing wrong is venue.port-base.
        String shipped = Files.readString(ROOT.resolve("config/venue-local.yaml"));
        String broken = shipped.replaceFirst("(?m)^  port-base: 4000\\b", "  port-base: http");
        assertThat(broken).isNotEqualTo(shipped);
        Path file = Files.writeString(temp.resolve("bad-port-base.yaml"), broken);

        Result result = runToExit(temp, "venue", "--config", file.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .contains(file.toString()).contains("venue.port-base").contains("http");
        assertThat(result.stdout()).as(result.toString()).isEmpty();
    }

    @Test
    @Order(7)
    void aFileWithOnlyABadPortBaseIsReportedForThePortBase() throws Exception {
        Path file = Files.writeString(temp.resolve("only-port-base.yaml"), "venue:\n  port-base: http\n");

        Result result = runToExit(temp, "venue", "--config", file.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .startsWith("fluxfix: " + file + ": venue.port-base: ").contains("http");
    }

    @Test
    @Order(8)
    void aMissingConfigFileExitsOneWithOneLineNamingTheFile() throws Exception {
        Path file = temp.resolve("no-such-venue.yaml");

        Result result = runToExit(temp, "venue", "--config", file.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .contains(file.toString());
        assertThat(result.stdout()).as(result.toString()).isEmpty();
    }

    @Test
    @Order(9)
    void portsInUseEndWithOneLineSayingWhichAndExitOne() throws Exception {
        int taken = FreePorts.venueBase();
        try (ServerSocket squatter = new ServerSocket(taken + 1, 1,
                InetAddress.getLoopbackAddress())) {
            Path dir = Files.createDirectories(temp.resolve("busy-run")).toRealPath();
            Result result = runToExit(dir, "venue", "--port-base", Integer.toString(taken));

            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            // QuickFIX/J logs the bind failure on its own; the command ends with one line saying what to fix
            List<String> ours = result.stderr().lines().filter(l -> l.startsWith("fluxfix:")).toList();
            assertThat(ours).as(result.toString()).singleElement().asString()
                    .startsWith("fluxfix: cannot start the venue: cannot listen on ports " + taken + "-")
                    .contains("127.0.0.1");
            assertThat(result.stderr().strip().lines().reduce((a, b) -> b)).as(result.toString()).hasValue(ours.get(0));
            assertThat(result.stderr()).as("no trace of the command's own failure").doesNotContain("picocli");
            assertThat(result.stdout()).as("no banner for a venue that is not running").isEmpty();
        }
    }

    // --- FIX helpers -----------------------------------------------------------------------------------------------

    /** DEMO's Spot trading connection, starting at the venue's next expected MsgSeqNum and recording it on close. */
    private final class DemoSession implements AutoCloseable {
        final FixConnection fix;

        DemoSession(Path trustStore) {
            fix = tls(base + 1, "DEMO", "KRAKEN-TRD", trustStore).msgSeqNum(demoNextSeq);
        }

        @Override
        public void close() {
            demoNextSeq = fix.msgSeqNum();
            fix.close();
        }
    }

    private static FixConnection tls(int port, String sender, String target, Path trustStore) {
        return FixConnection.tls("localhost", port, trustStore, TRUST_STORE_PASSWORD)
                .senderCompId(sender).targetCompId(target);
    }

    /** A correctly signed Kraken trading Logon (nonce: system-clock millis, increasing); fails unless 35=A comes. */
    private void logOn(FixConnection c, String apiKey, String secret, String... extra) {
        String nonce = Long.toString(lastNonce.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1)));
        String password = LogonSignature.sign(apiKey, ApiSecret.ofBase64(secret), c.msgSeqNum(),
                c.senderCompId(), c.targetCompId(), nonce);
        List<String> fields = new ArrayList<>();
        fields.add("553=" + apiKey + "|554=" + password + "|5025=" + nonce);
        fields.addAll(List.of(extra));
        c.logon(fields.toArray(String[]::new));
        FixMessage answer = c.awaitMessage(m -> m.msgType().equals("A") || m.msgType().equals("5"), WAIT);
        assertThat(answer.msgType()).as("logon of %s: %s", c.senderCompId(), answer).isEqualTo("A");
    }

    private static void logOut(FixConnection c) {
        c.logout(null);
        c.awaitMessage("5", WAIT);
    }

    private static FixMessage awaitReport(FixConnection c, String clOrdId, String execType) {
        return c.awaitMessage(m -> m.msgType().equals("8") && clOrdId.equals(m.get(11))
                && execType.equals(m.get(150)), WAIT);
    }

    /** A numeric ClOrdID: the current time in microseconds, increasing. */
    private String clOrdId() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return Long.toString(lastClOrdId.updateAndGet(last -> Math.max(micros, last + 1)));
    }

    private static String now() {
        return FixConnection.utcTimestamp(Instant.now());
    }

    // --- banner helpers --------------------------------------------------------------------------------------------

    private static Path trustStoreFromBanner(VenueProcess p) {
        for (String line : p.out.lines()) {
            Matcher m = TRUST_STORE_LINE.matcher(line);
            if (m.matches()) {
                return Path.of(m.group(1));
            }
        }
        throw new AssertionError("no trust store line in the banner\n" + p.dump());
    }

    private static String fingerprintFromBanner(VenueProcess p) {
        for (String line : p.out.lines()) {
            Matcher m = FINGERPRINT.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no SHA-256 fingerprint in the banner\n" + p.dump());
    }

    private static String sha256Fingerprint(Path trustStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            ks.load(in, TRUST_STORE_PASSWORD.toCharArray());
        }
        List<String> aliases = Collections.list(ks.aliases());
        assertThat(aliases).as("certificates in the trust store").hasSize(1);
        Certificate cert = ks.getCertificate(aliases.get(0));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static void assertNoSecrets(VenueProcess p, String keyStorePassword) {
        for (String text : List.of(p.out.text(), p.err.text())) {
            assertThat(text).as("output of " + p)
                    .doesNotContain(DEMO_SECRET)
                    .doesNotContain(DEMO2_SECRET)
                    .doesNotContain("demo-secret")
                    .doesNotContain("demo2-secret")
                    .doesNotContain(keyStorePassword);
        }
    }

    // --- admin HTTP, with a raw socket (no client thread that could outlive the test) -----------------------------

    private record HttpReply(int status, List<String> headers, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).strip();
                }
            }
            return "";
        }
    }

    private static HttpReply httpGet(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(s.getInputStream().readAllBytes(), UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("not an HTTP answer from GET " + path + ": " + text);
            }
            List<String> head = List.of(text.substring(0, end).split("\r\n"));
            int status = Integer.parseInt(head.get(0).split(" ", 3)[1]);
            HttpReply reply = new HttpReply(status, head.subList(1, head.size()), text.substring(end + 4));
            String length = reply.header("content-length");
            if (!length.isEmpty()) {
                assertThat(reply.body().getBytes(UTF_8)).as("body of GET " + path).hasSize(Integer.parseInt(length));
            }
            return reply;
        }
    }

    private static BigDecimal decimal(JsonNode accounts, String account, String asset) {
        JsonNode total = accounts.path(account).path("balances").path(asset).path("total");
        assertThat(total.isNumber()).as("accounts.%s.balances.%s.total in %s", account, asset, accounts).isTrue();
        return total.decimalValue();
    }

    /** The sum of a Prometheus counter's samples over all its label sets. */
    private static double sampleSum(String exposition, String name) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String[] parts = line.trim().split("\\s+");
                sum += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    // --- processes -------------------------------------------------------------------------------------------------

    private VenueProcess start(Path workDir, String... args) throws IOException {
        VenueProcess p = VenueProcess.start(workDir, args);
        processes.add(p);
        return p;
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Result runToExit(Path workDir, String... args) throws Exception {
        VenueProcess p = start(workDir, args);
        try {
            int exit = p.awaitExit(START);
            return new Result(exit, p.out.text(), p.err.text());
        } finally {
            p.close();
            processes.remove(p);
        }
    }

    /** Lines a process wrote, collected by a reader thread; waiters are woken per line and at end of stream. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** The first line matching, waiting at most {@code timeout}; empty when the stream ended or time ran out. */
        synchronized Optional<String> await(Predicate<String> matches, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int next = 0;
            while (true) {
                for (; next < lines.size(); next++) {
                    if (matches.test(lines.get(next))) {
                        return Optional.of(lines.get(next));
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized String text() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            return b.toString();
        }
    }

    /** {@code bin/fluxfix ARGS} in {@code workDir}, stdout and stderr read line by line on two threads. */
    private static final class VenueProcess implements AutoCloseable {
        final Process process;
        final List<String> args;
        final Lines out = new Lines();
        final Lines err = new Lines();
        private final Thread outReader;
        private final Thread errReader;

        private VenueProcess(Process process, List<String> args) {
            this.process = process;
            this.args = args;
            this.outReader = reader(process.getInputStream(), out, "venue-it-stdout-" + process.pid());
            this.errReader = reader(process.getErrorStream(), err, "venue-it-stderr-" + process.pid());
        }

        static VenueProcess start(Path workDir, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(LAUNCHER.toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().put("FLUXFIX_NO_BUILD", "1");
            builder.environment().remove("FLUXFIX_JAVA_OPTS");
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            process.getOutputStream().close();
            return new VenueProcess(process, List.of(args));
        }

        private static Thread reader(InputStream stream, Lines into, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        into.add(line);
                    }
                } catch (IOException e) {
                    into.add("<<read failed: " + e + ">>");
                } finally {
                    into.end();
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void awaitReady() throws InterruptedException {
            if (out.await(l -> l.startsWith("Ready."), START).isEmpty()) {
                fail("no 'Ready.' from bin/fluxfix " + String.join(" ", args) + " within " + START + "\n" + dump());
            }
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("bin/fluxfix " + String.join(" ", args) + " still running after " + timeout + "\n" + dump());
            }
            joinReaders();
            return process.exitValue();
        }

        /** SIGTERM, then the exit status; fails if it does not exit within {@code timeout}. */
        int stop(Duration timeout) throws InterruptedException {
            process.destroy();
            return awaitExit(timeout);
        }

        private void joinReaders() throws InterruptedException {
            outReader.join(WAIT.toMillis());
            errReader.join(WAIT.toMillis());
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
                joinReaders();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String dump() {
            return "bin/fluxfix " + String.join(" ", args) + " (pid " + process.pid() + ")\n--- stdout\n" + out.text()
                    + "--- stderr\n" + err.text();
        }

        @Override
        public String toString() {
            return "bin/fluxfix " + String.join(" ", args) + " (pid " + process.pid() + ")";
        }
    }

    // --- ports -----------------------------------------------------------------------------------------------------

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
        }
        return value;
    }
}
