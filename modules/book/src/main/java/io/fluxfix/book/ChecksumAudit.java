package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.SessionEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds books over a recorded stream (a journal, an import) with the same rules as the book operators, and
 * counts: snapshots, updates, checksums verified, mismatches. One book keeper per session and subscription
 * (MDReqID); L2 or L3 from the subscription's {@code MarketDataRequest} when the stream has it, else from the
 * first snapshot's entry ids (L2 ids are {@code B<price>}/{@code O<price>}). Precisions: given ones, the
 * stream's instrument lists, else inferred from each snapshot. Not thread-safe.
 */
public final class ChecksumAudit {

    private final Map<String, int[]> precisions = new HashMap<>();
    private final Map<String, Boolean> level3ByRequest = new HashMap<>();
    private final Map<String, BookKeeper> keepers = new HashMap<>();
    private final BookMetrics metrics = new BookMetrics();
    private final List<BookAlert> alerts = new ArrayList<>();
    private final int keepAlerts;

    /** {@code keepAlerts}: how many alerts to keep for {@link #alerts()} (the rest are only counted). */
    public ChecksumAudit(int keepAlerts) {
        this.keepAlerts = keepAlerts;
    }

    /** Reads {@code symbol} at these precisions (otherwise instrument lists in the stream, or inference). */
    public ChecksumAudit precision(String symbol, int priceScale, int qtyScale) {
        precisions.put(symbol, new int[] {priceScale, qtyScale});
        return this;
    }

    /** Notes a command sent on {@code session}: a {@code MarketDataRequest} says whether its books are L3. */
    public void acceptCommand(String session, Command command) {
        if (command instanceof MarketDataRequest r) {
            level3ByRequest.put(session + '\u0000' + r.mdReqId(), r.isLevel3());
        }
    }

    /** Applies one event received on {@code session}. */
    public void accept(String session, Event event) {
        if (event instanceof MarketDataEvent md && md.mdReqId() != null) {
            String key = session + '\u0000' + md.mdReqId();
            BookKeeper k = keepers.get(key);
            if (k == null) {
                if (!(event instanceof MarketDataSnapshot snap)) {
                    k = null;
                } else {
                    Boolean l3 = level3ByRequest.get(key);
                    k = new BookKeeper(l3 != null ? l3 : looksLevel3(snap.entries()), precisions, BookResync.NONE,
                            metrics);
                    keepers.put(key, k);
                }
            }
            if (k == null) {
                if (event instanceof MarketDataIncrement inc && BookKeeper.touchesBook(new EventFrame().wrap(inc))) {
                    metrics.ignored.increment(); // an increment before any snapshot
                }
                return;
            }
            keep(k.onEvent(event));
        } else if (event instanceof InstrumentList || event instanceof SessionEvent) {
            if (event instanceof InstrumentList list) {
                list.instruments().forEach(i -> precisions.put(i.symbol(),
                        new int[] {i.effectiveMdPricePrecision(), i.qtyPrecision()}));
            }
            String prefix = session + '\u0000';
            keepers.forEach((key, k) -> {
                if (key.startsWith(prefix)) {
                    keep(k.onEvent(event));
                }
            });
        }
    }

    private void keep(BookEvent out) {
        if (out instanceof BookAlert a && alerts.size() < keepAlerts) {
            alerts.add(a);
        }
    }

    static boolean looksLevel3(List<MdEntry> entries) {
        for (MdEntry e : entries) {
            if (e.type() == MdEntryType.TRADE || e.entryId() == null) {
                continue;
            }
            String id = e.entryId();
            char c = id.charAt(0);
            if (id.length() < 2 || (c != 'B' && c != 'O')) {
                return true;
            }
            try {
                if (e.price() != null && Decimal.parse(id, 1, id.length()).compareTo(e.price()) != 0) {
                    return true;
                }
            } catch (NumberFormatException notAPrice) {
                return true;
            }
        }
        return false;
    }

    public BookMetrics metrics() {
        return metrics;
    }

    public long snapshots() {
        return metrics.snapshots();
    }

    public long updates() {
        return metrics.updates();
    }

    public long checksumsVerified() {
        return metrics.checksumsVerified();
    }

    public long checksumMismatches() {
        return metrics.checksumMismatches();
    }

    /** Increments that arrived while their book waited for a snapshot: neither applied nor verified. */
    public long ignored() {
        return metrics.ignored();
    }

    /** The first alerts (mismatches, crossed books, bad entries, resets), up to the number asked for. */
    public List<BookAlert> alerts() {
        return List.copyOf(alerts);
    }
}
