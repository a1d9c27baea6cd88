package io.fluxfix.testkit.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for tests that start a venue: Kraken's six FIX ports and the admin port must all be free. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port base N whose ports N..N+5 (Kraken's FIX layout) and N+10 (the venue's admin port) are free now.
     * Bases are random multiples of 16 in 20000..51999, so tests running at once rarely pick the same one.
     */
    public static int venueBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 16 * ThreadLocalRandom.current().nextInt(2_000);
            if (free(base, 6) && free(base + 10, 1)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base found on the loopback interface");
    }

    /** Whether {@code count} ports from {@code first} can be bound on the loopback interface now. */
    public static boolean free(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
