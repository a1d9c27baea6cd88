package io.fluxfix.runner;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fluxfix venue}: the local Kraken venue, until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "venue", mixinStandardHelpOptions = true,
        description = "Run the local Kraken venue: Kraken's FIX ports on loopback, shifted to a port base.")
final class VenueCommand implements Callable<Integer> {

    /** Exit code when the configuration cannot be used or the venue cannot start with it. */
    static final int EXIT_CONFIG = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Venue configuration (YAML); default: config/venue-local.yaml of the FluxFix installation.")
    private Path config;

    @Option(names = "--port-base", paramLabel = "N",
            description = "Port base N: N+0..N+5 are Kraken's six FIX ports (default from the config, 4000).")
    private Integer portBase;

    @Option(names = "--admin-port", paramLabel = "P", description = "Admin HTTP port (default N+10).")
    private Integer adminPort;

    @Option(names = "--no-tls", description = "Plain TCP instead of TLS — for debugging only; Kraken refuses it.")
    private boolean noTls;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = config != null ? config : FluxFixHome.path("config/venue-local.yaml");
        final VenueConfig c;
        try {
            VenueConfig loaded = VenueConfig.load(file);
            int base = portBase != null ? portBase : loaded.portBase();
            if (base < 1 || base > 65_520) {
                err.println("fluxfix: --port-base " + base + " is outside 1..65520");
                return Main.EXIT_USAGE;
            }
            int admin = adminPort != null ? adminPort
                    : loaded.adminPort() - loaded.portBase() + base;
            c = loaded.with(base, admin, loaded.tls() && !noTls, loaded.dataDir());
        } catch (ConfigException e) {
            err.println("fluxfix: " + e.getMessage());
            return EXIT_CONFIG;
        }
        if (!c.tls()) {
            err.println("fluxfix: WARNING: TLS IS OFF — plain-text FIX, for debugging only. Kraken refuses plain "
                    + "TCP; clients must set tls.enabled: false to connect.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        final LocalVenue venue;
        try {
            venue = LocalVenue.start(c);
        } catch (IllegalStateException | java.io.UncheckedIOException | io.fluxfix.venue.tls.TlsSetupException e) {
            // a port in use, unusable TLS files or journal: one line, as for a bad config
            err.println("fluxfix: cannot start the venue: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            venue.close();
            stopped.countDown();
        }, "venue-shutdown"));
        banner(out, file, venue);
        stopped.await();
        return 0;
    }

    private static void banner(PrintWriter out, Path file, LocalVenue venue) {
        VenueConfig c = venue.config();
        out.println("FluxFix local Kraken venue (" + file + ")");
        for (KrakenEndpoint e : KrakenEndpoint.values()) {
            String what = e.name().toLowerCase().replace('_', ' ');
            String note = e.isTrading() ? "" : "   (market data comes with a later release: logons get a polite Logout)";
            out.printf("  %s:%d  %-28s TargetCompID %s%s%n", c.bind(), venue.port(e), what, e.targetCompId(), note);
        }
        if (venue.tls() != null) {
            out.println("  TLS: self-signed certificate, SHA-256 " + venue.tls().certificateSha256());
            out.println("  trust store for clients: " + venue.tls().trustStore().toAbsolutePath()
                    + " (PKCS12, password " + venue.tls().trustStorePassword() + ")");
        } else {
            out.println("  TLS: OFF (debugging only)");
        }
        out.println("  data: " + c.dataDir().toAbsolutePath() + (c.persistence() ? " (persistent)" : " (in memory)"));
        out.println("  accounts (public test values for this local venue):");
        for (AccountConfig a : c.accounts()) {
            out.println("    " + String.join(", ", a.spotCompIds()) + (a.derivativesCompId() == null ? "" : " / " + a.derivativesCompId())
                    + "  key " + a.apiKey() + "  tier " + a.tier().name().toLowerCase());
        }
        out.println("Ready. Ctrl-C stops the venue.");
        out.flush();
    }
}
