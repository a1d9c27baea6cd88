package io.fluxfix.session.internal;

import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.event.MarketDataEvent;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import reactor.core.publisher.FluxSink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription's market data on its way to a subscriber that may be slower than the venue. Events wait per
 * instrument, and while they wait they are conflated, newest wins, without changing the book they build: a
 * snapshot replaces whatever waited for its instrument; increments merge into one increment whose entries are
 * theirs in order and whose checksum is the newest. Each merge is counted. Rejects never merge.
 */
final class MarketDataFeed {

    private final MarketDataRequest request;
    private final FluxSink<MarketDataEvent> sink;
    private final SessionMeters meters;
    private final AtomicInteger wip = new AtomicInteger();
    /** Per instrument (or per reject) what waits, in the order instruments first started waiting. */
    private final Map<Object, Pending> waiting = new LinkedHashMap<>();

    MarketDataFeed(MarketDataRequest request, FluxSink<MarketDataEvent> sink, SessionMeters meters) {
        this.request = request;
        this.sink = sink;
        this.meters = meters;
    }

    MarketDataRequest request() {
        return request;
    }

    void offer(MarketDataEvent event) {
        synchronized (waiting) {
            if (event instanceof MarketDataSnapshot s) {
                Pending p = waiting.get(s.symbol());
                if (p != null) {
                    meters.conflated(s.symbol());
                    p.snapshot = s;
                    p.increment = null;
                } else {
                    waiting.put(s.symbol(), new Pending(s, null));
                }
            } else if (event instanceof MarketDataIncrement i) {
                Pending p = waiting.get(i.symbol());
                if (p == null) {
                    waiting.put(i.symbol(), new Pending(null, i));
                } else if (p.increment == null) {
                    p.increment = i;
                } else {
                    meters.conflated(i.symbol());
                    p.increment = merge(p.increment, i);
                }
            } else {
                waiting.put(new Object(), new Pending(event, null));
            }
        }
        drain();
    }

    static MarketDataIncrement merge(MarketDataIncrement older, MarketDataIncrement newer) {
        List<MdEntry> entries = new ArrayList<>(older.entries().size() + newer.entries().size());
        entries.addAll(older.entries());
        entries.addAll(newer.entries());
        return new MarketDataIncrement(newer.stamp(), newer.mdReqId(), newer.symbol(), entries,
                newer.hasChecksum() ? newer.checksum() : older.checksum());
    }

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                MarketDataEvent next = poll();
                if (next == null) {
                    break;
                }
                sink.next(next);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private MarketDataEvent poll() {
        synchronized (waiting) {
            Iterator<Map.Entry<Object, Pending>> it = waiting.entrySet().iterator();
            if (!it.hasNext()) {
                return null;
            }
            Map.Entry<Object, Pending> e = it.next();
            Pending p = e.getValue();
            if (p.snapshot != null) {
                MarketDataEvent s = p.snapshot;
                p.snapshot = null;
                if (p.increment == null) {
                    it.remove();
                }
                return s;
            }
            it.remove();
            return p.increment;
        }
    }

    void complete() {
        sink.complete();
    }

    private static final class Pending {
        MarketDataEvent snapshot;
        MarketDataIncrement increment;

        Pending(MarketDataEvent snapshot, MarketDataIncrement increment) {
            this.snapshot = snapshot;
            this.increment = increment;
        }
    }
}
