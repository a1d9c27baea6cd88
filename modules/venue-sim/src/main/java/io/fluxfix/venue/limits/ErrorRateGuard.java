package io.fluxfix.venue.limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kraken's error-rate safeguard (G-INTRO: "if a client generates too many errors per second, the session is
 * automatically disconnected"; threshold, window and what counts are not documented, §6.4): the venue counts the
 * errors it sends each trading session — Reject (35=3) and BusinessMessageReject (35=j), and with
 * {@code dialect.error-rate.counts = rejects-and-unsolicited-cancels} the cancels by which it refuses an
 * acknowledged order — in a rolling one-second window, and a session that gets more than
 * {@code dialect.error-rate.max-per-second} of them is logged out. A new logon starts with a clean window.
 * Thread-safe: errors are counted on QuickFIX/J's threads as they are sent.
 */
public final class ErrorRateGuard {

    private static final long SECOND = 1_000_000_000L;

    /** What {@code /state} shows of one session. */
    public record SessionErrors(String session, int lastSecond, long total, long disconnects) {
    }

    /** The last {@code max + 1} error times of one session, in a ring. */
    private static final class Window {
        final long[] times;
        int next;
        int size;
        long total;
        long disconnects;
        boolean tripped;

        Window(int max) {
            times = new long[max + 1];
        }

        int inLastSecond(long now) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (times[i] > now - SECOND) {
                    n++;
                }
            }
            return n;
        }
    }

    private final int max;
    private final Map<String, Window> windows = new HashMap<>();

    /** @param maxPerSecond the errors a session may get in a rolling second; 0 turns the safeguard off */
    public ErrorRateGuard(int maxPerSecond) {
        this.max = maxPerSecond;
    }

    /**
     * An error was sent to {@code session} (a SessionID as text) at {@code now}: true when it is the one that takes the
     * session past the threshold — the caller then disconnects it — and false for every other error, including
     * those that follow until the session logs on again.
     */
    public synchronized boolean error(String session, long now) {
        Window w = windows.computeIfAbsent(session, k -> new Window(Math.max(max, 0)));
        w.total++;
        if (max == 0) {
            return false;
        }
        // The ring keeps the last max + 1 times; the slot written now held the oldest of them.
        w.times[w.next] = now;
        w.next = (w.next + 1) % w.times.length;
        w.size = Math.min(w.size + 1, w.times.length);
        if (w.tripped || w.size < w.times.length) {
            return false;
        }
        long oldest = w.times[w.next];
        if (oldest > now - SECOND) {
            w.tripped = true;
            w.disconnects++;
            return true;
        }
        return false;
    }

    /** {@code session} logged on: its window starts empty. */
    public synchronized void loggedOn(String session) {
        Window w = windows.get(session);
        if (w != null) {
            w.size = 0;
            w.next = 0;
            w.tripped = false;
        }
    }

    /** Every session that has had an error. */
    public synchronized List<SessionErrors> state(long now) {
        List<SessionErrors> out = new ArrayList<>();
        new TreeMap<>(windows).forEach((session, w) ->
                out.add(new SessionErrors(session, w.inLastSecond(now), w.total, w.disconnects)));
        return out;
    }

    public int maxPerSecond() {
        return max;
    }
}
