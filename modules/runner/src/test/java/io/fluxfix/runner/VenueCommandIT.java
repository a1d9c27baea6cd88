package io.fluxfix.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.runner.FluxfixProcess.Result;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.testkit.net.FreePorts;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/fluxfix venue} as a user runs it: a real process (the jar {@code package} just built, through
 * {@link FluxfixProcess}) on free ports ({@code --port-base}), with a copy of {@code config/venue-local.yaml} whose
 * {@code data-dir} is a temporary directory, so nothing is written into the repository. The tests talk to it the
 * way a user does: they read the banner, log on with raw FIX over TLS trusting the trust store it printed, read the
 * admin endpoint, and stop it with SIGTERM.
 *
 * <p>One venue, started once, serves the banner, trading and admin tests (a JVM and a venue start cost seconds on a
 * small machine); the tests do not depend on each other's orders or on their order. Restart, {@code --no-tls} and
 * the bad configurations start processes of their own.
 */
class VenueCommandIT {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String DEMO_KEY = "demo-key";
    private static final String DEMO_SECRET = "ZGVtby1zZWNyZXQ=";   // base64 "demo-secret", config/venue-local.yaml
    private static final String DEMO2_KEY = "demo2-key";
    private static final String DEMO2_SECRET = "ZGVtbzItc2VjcmV0";  // base64 "demo2-secret"

    /** Kraken's port layout, offset from the port base to TargetCompID (config/venue-local.yaml, Kraken's docs). */
    private static final List<String> TARGETS = List.of(
            "KRAKEN-MD", "KRAKEN-TRD", "KRAKEN-DRV-MD", "KRAKEN-DRV-TRD", "KRAKEN-DRV-MD", "KRAKEN-MD");
    private static final int SPOT_TRADING = 1;
    private static final int DERIVATIVES_TRADING = 3;
    private static final int ADMIN = 10;

    private static final Pattern PORT_LINE =
            Pattern.compile("^\\s+127\\.0\\.0\\.1:(\\d+)\\s.*\\bTargetCompID (\\S+).*$");
    private static final Pattern FINGERPRINT = Pattern.compile("\\bSHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})$");
    private static final Pattern TRUST_STORE =
            Pattern.compile("^\\s*trust store for clients: (.+) \\(PKCS12, password (\\S+)\\)$");

    private static final Map<String, String> JAVA_OPTS = Map.of("FLUXFIX_JAVA_OPTS", "-XX:TieredStopAtLevel=1");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final AtomicLong LAST_NONCE = new AtomicLong();
    private static final AtomicLong LAST_CL_ORD_ID = new AtomicLong();

    @TempDir
    static Path sharedDir;
    private static Venue shared;

    @BeforeAll
    static void startSharedVenue() throws Exception {
        shared = Venue.start(sharedDir, FreePorts.venueBase());
    }

    @AfterAll
    static void stopSharedVenue() {
        if (shared != null) {
            shared.close();
        }
    }

    // --- 1. the banner ---------------------------------------------------------------------------------------------

    @Test
    void bannerListsThePortsTrustStoreFingerprintAndDemoAccounts() throws Exception {
        List<String> out = shared.process.stdout();
        String dump = shared.process.dump();

        List<String> ports = new ArrayList<>();
        for (String line : out) {
            Matcher m = PORT_LINE.matcher(line);
            if (m.matches()) {
                ports.add(m.group(1) + " " + m.group(2));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < TARGETS.size(); i++) {
            expected.add((shared.base + i) + " " + TARGETS.get(i));
        }
        assertThat(ports).as(dump).containsExactlyElementsOf(expected);

        Path trustStore = shared.trustStore();
        assertThat(trustStore).as(dump).isEqualTo(shared.dataDir.resolve("tls/trust.p12")).isRegularFile();
        assertThat(shared.fingerprint()).as("the printed SHA-256 is that of the trust store's certificate")
                .isEqualTo(sha256(trustStore, shared.trustStorePassword()));

        assertThat(out).as(dump)
                .anySatisfy(l -> assertThat(l).matches("\\s+DEMO / DEMO-DRV\\s+key demo-key\\b.*"))
                .anySatisfy(l -> assertThat(l).matches("\\s+DEMO2 / DEMO2-DRV\\s+key demo2-key\\b.*"));
        assertThat(out.get(out.size() - 1)).as(dump).startsWith("Ready.");
        String keyStorePassword = Files.readString(shared.dataDir.resolve("tls/venue-key.password")).strip();
        assertThat(String.join("\n", out) + String.join("\n", shared.process.stderr()))
                .as("no API secret and not the venue's key store password in the output")
                .doesNotContain(DEMO_SECRET).doesNotContain(DEMO2_SECRET).doesNotContain(keyStorePassword);
    }

    // --- 2. trading over TLS ---------------------------------------------------------------------------------------

    @Test
    void demoSellsAndDemo2BuysOverTlsAndBothGetTheFill() {
        try (Session demo = shared.logOn("DEMO", DEMO_KEY, DEMO_SECRET);
             Session demo2 = shared.logOn("DEMO2", DEMO2_KEY, DEMO2_SECRET)) {
            Trade trade = trade(demo, demo2, "0.01", "50000");

            for (FixMessage fill : List.of(trade.sold(), trade.bought())) {
                assertThat(fill.get(39)).as(fill.toString()).isEqualTo("2");
                assertThat(new BigDecimal(fill.get(32))).as(fill.toString()).isEqualByComparingTo("0.01");
                assertThat(new BigDecimal(fill.get(31))).as(fill.toString()).isEqualByComparingTo("50000");
                assertThat(new BigDecimal(fill.get(151))).as(fill.toString()).isZero();
            }
            assertThat(trade.sold().get(54)).isEqualTo("2");
            assertThat(trade.bought().get(54)).isEqualTo("1");
            assertThat(trade.bought().get(1003)).as("both sides see the same trade").isEqualTo(trade.sold().get(1003));

            demo.logOut();
            demo2.logOut();
        }
    }

    @Test
    void theDerivativesAccountsLogOnToTheDerivativesTradingPort() {
        try (Session drv = shared.logOn(DERIVATIVES_TRADING, "DEMO-DRV", DEMO_KEY, DEMO_SECRET)) {
            assertThat(drv.fix().targetCompId()).isEqualTo("KRAKEN-DRV-TRD");
            drv.logOut();
        }
    }

    // --- 3. the admin endpoint -------------------------------------------------------------------------------------

    @Test
    void adminStateShowsTheLoggedOnSessionsAndTheFillsBalancesAndMetricsCountIt() throws Exception {
        try (Session demo = shared.logOn("DEMO", DEMO_KEY, DEMO_SECRET);
             Session demo2 = shared.logOn("DEMO2", DEMO2_KEY, DEMO2_SECRET)) {
            // The venue answers a Logon before it marks the session logged on (QuickFIX/J's onLogon comes after).
            JsonNode before = await("DEMO and DEMO2 logged on in /state").atMost(WAIT).pollInSameThread()
                    .until(shared::state, state -> loggedOn(state, "DEMO") && loggedOn(state, "DEMO2"));
            double fillsBefore = sample(shared.get("/metrics").body(), "venue_fills_total{market=\"spot\"}");

            Trade trade = trade(demo, demo2, "0.02", "51000");
            JsonNode after = shared.state();

            // DEMO sold 0.02 BTC for 1020 USD, DEMO2 bought it; each paid the fee its fill reported (137, in 138).
            BigDecimal qty = new BigDecimal("0.02");
            BigDecimal cost = new BigDecimal("1020");
            FixMessage sold = trade.sold();
            FixMessage bought = trade.bought();
            assertThat(balance(after, "demo", "BTC")).isEqualByComparingTo(
                    balance(before, "demo", "BTC").subtract(qty).subtract(fee(sold, "BTC")));
            assertThat(balance(after, "demo", "USD")).isEqualByComparingTo(
                    balance(before, "demo", "USD").add(cost).subtract(fee(sold, "USD")));
            assertThat(balance(after, "demo2", "BTC")).isEqualByComparingTo(
                    balance(before, "demo2", "BTC").add(qty).subtract(fee(bought, "BTC")));
            assertThat(balance(after, "demo2", "USD")).isEqualByComparingTo(
                    balance(before, "demo2", "USD").subtract(cost).subtract(fee(bought, "USD")));

            RawHttp.Response metrics = shared.get("/metrics");
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            assertThat(metrics.header("content-type")).startsWith("text/plain");
            assertThat(sample(metrics.body(), "venue_fills_total{market=\"spot\"}")).as(metrics.body())
                    .isEqualTo(fillsBefore + 2);
            assertThat(sample(metrics.body(), "venue_sessions_logged_on")).as(metrics.body()).isGreaterThanOrEqualTo(2);

            demo.logOut();
            demo2.logOut();
        }
    }

    // --- 4. SIGTERM and a restart ----------------------------------------------------------------------------------

    @Test
    void sigtermDisconnectsClientsAndClosesTheVenueAndARestartOnTheSamePortsKeepsBalancesAndOrders(@TempDir Path dir)
            throws Exception {
        int base = FreePorts.venueBase();
        JsonNode before;
        String boughtOrderId;
        Map<String, Integer> sequenceNumbers;
        String fingerprint;
        try (Venue first = Venue.start(dir, base)) {
            fingerprint = first.fingerprint();
            try (Session demo = first.logOn("DEMO", DEMO_KEY, DEMO_SECRET)) {
                try (Session demo2 = first.logOn("DEMO2", DEMO2_KEY, DEMO2_SECRET)) {
                    boughtOrderId = trade(demo, demo2, "0.01", "52000").bought().get(37);
                    demo2.logOut();
                }
                before = first.state().path("accounts");
                assertThat(balance(before, "demo", "BTC")).as("the trade moved DEMO's BTC").isLessThan(BigDecimal.TEN);

                first.process.sigterm();
                assertThat(demo.fix().awaitDisconnect(STOP)).as("the stopping venue closed DEMO's connection").isTrue();
            }
            Result stopped = first.process.awaitExit(STOP);
            // the JVM's status for a SIGTERM it handled (128 + 15), after the shutdown hook closed the venue
            assertThat(stopped.exitCode()).as("exit code after SIGTERM\n" + stopped).isEqualTo(143);
            sequenceNumbers = first.nextSeq;
        }

        try (Venue second = Venue.start(dir, base)) {
            assertThat(second.fingerprint()).as("the same certificate: clients keep trusting it")
                    .isEqualTo(fingerprint);
            assertThat(second.state().path("accounts")).as("balances after the restart").isEqualTo(before);

            second.nextSeq.putAll(sequenceNumbers);
            try (Session demo2 = second.logOn("DEMO2", DEMO2_KEY, DEMO2_SECRET)) {
                String statusRequest = clOrdId();
                demo2.fix().send("H", "11=" + statusRequest + "|37=" + boughtOrderId + "|55=BTC/USD");
                FixMessage status = awaitReport(demo2.fix(), statusRequest, "I");
                assertThat(status.get(39)).as("DEMO2's order filled before the restart: " + status).isEqualTo("2");
                assertThat(new BigDecimal(status.get(14))).isEqualByComparingTo("0.01");
                demo2.logOut();
            }
            assertThat(second.process.terminate(STOP).exitCode()).isEqualTo(143);
        }
    }

    // --- 5. --no-tls -----------------------------------------------------------------------------------------------

    @Test
    void noTlsWarnsLoudlyOnStderrAndServesPlainTcp(@TempDir Path dir) throws Exception {
        try (Venue plain = Venue.start(dir, FreePorts.venueBase(), "--no-tls")) {
            String warning = plain.process.awaitStderr(l -> l.contains("TLS IS OFF"), WAIT);
            assertThat(warning).contains("WARNING");
            assertThat(plain.process.stdout()).as(plain.process.dump())
                    .noneSatisfy(l -> assertThat(l).contains("trust store"));

            try (FixConnection fix = FixConnection.plain("localhost", plain.base + SPOT_TRADING)
                    .senderCompId("DEMO").targetCompId("KRAKEN-TRD")) {
                FixMessage answer = logOn(fix, DEMO_KEY, DEMO_SECRET);
                assertThat(answer.msgType()).as("plain-TCP logon: " + answer).isEqualTo("A");
            }
        }
    }

    // --- 6. a bad configuration ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "unknown key;    (?m)^  tls: true;           '  tsl: true';         venue.tsl",
        "invalid value;  (?m)^  port-base: 4000\\b;  '  port-base: 70000';  venue.port-base",
    })
    void aBadConfigurationExitsOneWithOneLineNamingTheFileAndTheKey(String what, String find, String replacement,
                                                                    String key, @TempDir Path dir) throws Exception {
        String good = Venue.config(dir);
        String bad = good.replaceFirst(find, replacement);
        assertThat(bad).as("the shipped config has the line to break").isNotEqualTo(good);
        Path file = Files.writeString(dir.resolve("bad.yaml"), bad);

        Result result = FluxfixProcess.run(FluxfixProcess.LAUNCHER, dir, JAVA_OPTS, START,
                "venue", "--config", file.toString(), "--port-base", Integer.toString(FreePorts.venueBase()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .startsWith("fluxfix: " + file + ": " + key + ": ");
        assertThat(result.stdout()).as(result.toString()).isEmpty();
    }

    @Test
    void aFileHoldingOnlyABadPortBaseIsReportedForThePortBase(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("only-port-base.yaml"), "venue:\n  port-base: http\n");

        Result result = FluxfixProcess.run(FluxfixProcess.LAUNCHER, dir, JAVA_OPTS, START,
                "venue", "--config", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .startsWith("fluxfix: " + file + ": venue.port-base: ").contains("http");
    }

    @Test
    void aMissingConfigFileExitsOneWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("no-such-venue.yaml");

        Result result = FluxfixProcess.run(FluxfixProcess.LAUNCHER, dir, JAVA_OPTS, START,
                "venue", "--config", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).as(result.toString()).singleElement().asString()
                .startsWith("fluxfix: " + file + ": ").contains("not found");
        assertThat(result.stdout()).as(result.toString()).isEmpty();
    }

    @Test
    void portsInUseEndWithOneLineSayingWhichAndExitOne(@TempDir Path dir) throws Exception {
        int taken = FreePorts.venueBase();
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(taken + SPOT_TRADING, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Path config = Files.writeString(dir.resolve("venue.yaml"), Venue.config(dir));
            Result result = FluxfixProcess.run(FluxfixProcess.LAUNCHER, dir, JAVA_OPTS, START,
                    "venue", "--config", config.toString(), "--port-base", Integer.toString(taken));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            // QuickFIX/J logs the bind failure itself; the command ends with one line saying what to fix
            List<String> ours = result.stderr().lines().filter(l -> l.startsWith("fluxfix:")).toList();
            assertThat(ours).as(result.toString()).singleElement().asString()
                    .startsWith("fluxfix: cannot start the venue: cannot listen on ports " + taken + "-")
                    .contains("127.0.0.1");
            assertThat(result.stderr().strip().lines().reduce((a, b) -> b)).as(result.toString()).hasValue(ours.get(0));
            assertThat(result.stdout()).as("no banner for a venue that is not running").isEmpty();
        }
    }

    // --- the venue process -----------------------------------------------------------------------------------------

    /** {@code bin/fluxfix venue} on {@code base} with a config whose data-dir is {@code dir/data}, once "Ready.". */
    private static final class Venue implements AutoCloseable {
        final FluxfixProcess process;
        final int base;
        final Path dataDir;
        /** The next MsgSeqNum each CompID sends: the venue keeps them across logons and restarts. */
        final Map<String, Integer> nextSeq = new HashMap<>();

        private Venue(FluxfixProcess process, int base, Path dataDir) {
            this.process = process;
            this.base = base;
            this.dataDir = dataDir;
        }

        static Venue start(Path dir, int base, String... extraArgs) throws Exception {
            Path config = dir.resolve("venue.yaml");
            if (!Files.exists(config)) {
                Files.writeString(config, config(dir));
            }
            List<String> args = new ArrayList<>(List.of("venue", "--config", config.toString(),
                    "--port-base", Integer.toString(base)));
            args.addAll(List.of(extraArgs));
            // C1 only: the venue runs for seconds, and on a 2-core machine C2 compiling would take the cores the
            // test and the venue need; the behaviour under test does not depend on it.
            FluxfixProcess process = FluxfixProcess.start(FluxfixProcess.LAUNCHER, dir, JAVA_OPTS,
                    args.toArray(String[]::new));
            try {
                process.awaitStdout(l -> l.startsWith("Ready."), START);
            } catch (AssertionError | RuntimeException e) {
                process.close();
                throw e;
            }
            return new Venue(process, base, dir.resolve("data"));
        }

        /**
         * The shipped config/venue-local.yaml with {@code data-dir} in {@code dir}, the daily rollover (which
         * logs everybody out for half a minute) hours away ({@link RealClockConfig}), and no background market.
         */
        static String config(Path dir) throws IOException {
            String copy = RealClockConfig.venueLocal()
                    .replaceFirst("(?m)^  data-dir: .*$", Matcher.quoteReplacement(
                            "  data-dir: \"" + dir.resolve("data").toAbsolutePath() + "\""))
                    // the two demo accounts trade with each other here, not with the background market
                    .replaceFirst("(?m)^    synthetic: true", "    synthetic: false");
            assertThat(copy).contains(dir.resolve("data").toAbsolutePath().toString())
                    .contains("    synthetic: false");
            return copy;
        }

        Path trustStore() {
            return Path.of(bannerMatch(TRUST_STORE).group(1));
        }

        String trustStorePassword() {
            return bannerMatch(TRUST_STORE).group(2);
        }

        String fingerprint() {
            return bannerMatch(FINGERPRINT).group(1);
        }

        private Matcher bannerMatch(Pattern pattern) {
            for (String line : process.stdout()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            throw new AssertionError("no line matching " + pattern + " in the banner\n" + process.dump());
        }

        /** A signed logon of {@code compId} on the Spot trading port (TLS unless the venue runs without). */
        Session logOn(String compId, String apiKey, String secret) {
            return logOn(SPOT_TRADING, compId, apiKey, secret);
        }

        /** Logs {@code compId} on to the trading port at {@code offset} from the base (1 Spot, 3 Derivatives). */
        Session logOn(int offset, String compId, String apiKey, String secret) {
            int port = base + offset;
            boolean tls = process.stdout().stream().noneMatch(l -> l.contains("TLS: OFF"));
            FixConnection fix = (tls ? FixConnection.tls("localhost", port, trustStore(), trustStorePassword())
                    : FixConnection.plain("localhost", port))
                    .senderCompId(compId).targetCompId(TARGETS.get(offset))
                    .msgSeqNum(nextSeq.getOrDefault(compId, 1));
            Session session = new Session(this, fix);
            try {
                FixMessage answer = VenueCommandIT.logOn(fix, apiKey, secret);
                assertThat(answer.msgType()).as("logon of %s: %s", compId, answer).isEqualTo("A");
            } catch (AssertionError | RuntimeException e) {
                session.close();
                throw e;
            }
            return session;
        }

        JsonNode state() throws IOException {
            RawHttp.Response reply = get("/state");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.header("content-type")).startsWith("application/json");
            return JSON.readTree(reply.body());
        }

        RawHttp.Response get(String path) throws IOException {
            return RawHttp.get(base + ADMIN, path);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** A FIX connection to a venue that records its next MsgSeqNum there when closed. */
    private record Session(Venue venue, FixConnection fix) implements AutoCloseable {
        void logOut() {
            fix.logout(null);
            fix.awaitMessage("5", WAIT);
        }

        @Override
        public void close() {
            venue.nextSeq.put(fix.senderCompId(), fix.msgSeqNum());
            fix.close();
        }
    }

    // --- FIX -------------------------------------------------------------------------------------------------------

    /** Sends a correctly signed Kraken Logon (nonce: the clock's milliseconds, increasing) and returns the answer. */
    private static FixMessage logOn(FixConnection c, String apiKey, String secret) {
        String nonce = Long.toString(LAST_NONCE.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1)));
        String password = LogonSignature.sign(apiKey, ApiSecret.ofBase64(secret), c.msgSeqNum(),
                c.senderCompId(), c.targetCompId(), nonce);
        c.logon("553=" + apiKey + "|554=" + password + "|5025=" + nonce);
        return c.awaitMessage(m -> m.msgType().equals("A") || m.msgType().equals("5"), WAIT);
    }

    private record Trade(FixMessage sold, FixMessage bought) {
    }

    /** {@code seller} rests a BTC/USD limit sell, {@code buyer} takes it at the same price: both fills. */
    private static Trade trade(Session seller, Session buyer, String qty, String price) {
        String sell = clOrdId();
        seller.fix().send("D", limit(sell, "2", qty, price));
        awaitReport(seller.fix(), sell, "0");
        String buy = clOrdId();
        buyer.fix().send("D", limit(buy, "1", qty, price));
        FixMessage bought = awaitReport(buyer.fix(), buy, "F");
        FixMessage sold = awaitReport(seller.fix(), sell, "F");
        return new Trade(sold, bought);
    }

    private static String limit(String clOrdId, String side, String qty, String price) {
        return "11=" + clOrdId + "|55=BTC/USD|54=" + side + "|40=2|44=" + price + "|38=" + qty + "|59=1|60="
                + FixConnection.utcTimestamp(Instant.now());
    }

    private static FixMessage awaitReport(FixConnection c, String clOrdId, String execType) {
        return c.awaitMessage(m -> m.msgType().equals("8") && clOrdId.equals(m.get(11))
                && execType.equals(m.get(150)), WAIT);
    }

    /** A numeric ClOrdID as Kraken's Spot examples use: microseconds of the clock, increasing. */
    private static String clOrdId() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return Long.toString(LAST_CL_ORD_ID.updateAndGet(last -> Math.max(micros, last + 1)));
    }

    /** The commission a fill reports (137) when it is in {@code asset} (138), else zero. */
    private static BigDecimal fee(FixMessage fill, String asset) {
        String amount = fill.get(137);
        return amount != null && asset.equals(fill.get(138)) ? new BigDecimal(amount) : BigDecimal.ZERO;
    }

    private static boolean loggedOn(JsonNode state, String compId) {
        for (JsonNode s : state.path("sessions")) {
            if (s.path("compId").asText().equals(compId)) {
                return s.path("loggedOn").asBoolean();
            }
        }
        throw new AssertionError("no session " + compId + " in " + state.path("sessions"));
    }

    /** {@code accounts.<account>.balances.<asset>.total} of a state, or of its {@code accounts} node. */
    private static BigDecimal balance(JsonNode stateOrAccounts, String account, String asset) {
        JsonNode accounts = stateOrAccounts.has("accounts") ? stateOrAccounts.path("accounts") : stateOrAccounts;
        JsonNode total = accounts.path(account).path("balances").path(asset).path("total");
        assertThat(total.isNumber()).as("%s.balances.%s.total in %s", account, asset, accounts).isTrue();
        return total.decimalValue();
    }

    /** The value of one Prometheus sample ({@code name{labels}} exactly), 0 when there is none yet. */
    private static double sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static String sha256(Path trustStore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            ks.load(in, password.toCharArray());
        }
        List<String> aliases = Collections.list(ks.aliases());
        assertThat(aliases).as("certificates in the trust store").hasSize(1);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ks.getCertificate(aliases.get(0)).getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
