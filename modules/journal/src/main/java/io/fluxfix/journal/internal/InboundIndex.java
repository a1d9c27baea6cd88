package io.fluxfix.journal.internal;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which inbound (session, session day, MsgSeqNum) keys a journal holds. A venue's sequence numbers mostly come
 * one after another, so each (session, day) keeps sorted, disjoint ranges {@code [lo, hi]}: the next number
 * extends the last range in place (no allocation), a gap opens a new one, a resend of an old number is a
 * binary search. Memory grows with the gaps, not with the messages.
 *
 * <p>Sessions append from their own threads: each session's days are guarded by that session's monitor
 * (uncontended in practice: one writer thread per session).
 */
public final class InboundIndex {

    private final ConcurrentHashMap<String, SessionDays> sessions = new ConcurrentHashMap<>();

    /** Records that {@code session} received {@code seqNum} on {@code day}; seqNum 0 (FluxFix-made) is ignored. */
    public void add(String session, int day, long seqNum) {
        if (seqNum <= 0) {
            return;
        }
        SessionDays days = sessions.get(session);
        if (days == null) {
            days = sessions.computeIfAbsent(session, s -> new SessionDays());
        }
        days.add(day, seqNum);
    }

    /**
     * {@link #add(String, int, long)} for a thread that appends for the same (session, day) again and again:
     * {@code hint} (owned by the calling thread) remembers the last one's ranges, so the usual append takes no
     * hash lookups, only the session's (uncontended) monitor.
     */
    public void add(Hint hint, String session, int day, long seqNum) {
        if (seqNum <= 0) {
            return;
        }
        SessionDays days = hint.days;
        if (days == null || hint.day != day || (hint.session != session && !hint.session.equals(session))) {
            days = sessions.get(session);
            if (days == null) {
                days = sessions.computeIfAbsent(session, s -> new SessionDays());
            }
            hint.session = session;
            hint.day = day;
            hint.days = days;
            hint.ranges = days.ranges(day);
        }
        days.add(hint.ranges, seqNum);
    }

    /** One thread's memory of the last (session, day) it added to; not shared between threads. */
    public static final class Hint {
        String session;
        int day;
        SessionDays days;
        SeqRanges ranges;

        /** Forgets the last (session, day): for a hint moved to another index. */
        public void reset() {
            session = null;
            days = null;
            ranges = null;
        }
    }

    public boolean contains(String session, int day, long seqNum) {
        SessionDays days = sessions.get(session);
        return days != null && days.contains(day, seqNum);
    }

    private static final class SessionDays {
        private final Int2ObjectHashMap<SeqRanges> byDay = new Int2ObjectHashMap<>();

        synchronized void add(int day, long seq) {
            SeqRanges ranges = byDay.get(day);
            if (ranges == null) {
                ranges = new SeqRanges();
                byDay.put(day, ranges);
            }
            ranges.add(seq);
        }

        /** The day's ranges, created if new; a day's ranges are never replaced, so callers may keep them. */
        synchronized SeqRanges ranges(int day) {
            SeqRanges ranges = byDay.get(day);
            if (ranges == null) {
                ranges = new SeqRanges();
                byDay.put(day, ranges);
            }
            return ranges;
        }

        synchronized void add(SeqRanges ranges, long seq) {
            ranges.add(seq);
        }

        synchronized boolean contains(int day, long seq) {
            SeqRanges ranges = byDay.get(day);
            return ranges != null && ranges.contains(seq);
        }
    }

    /** Sorted disjoint, non-adjacent ranges of sequence numbers. */
    static final class SeqRanges {
        private long[] lo = new long[4];
        private long[] hi = new long[4];
        private int size;

        void add(long seq) {
            if (size > 0) {
                long last = hi[size - 1];
                if (seq == last + 1) { // the common case: the next message
                    hi[size - 1] = seq;
                    return;
                }
                if (seq > last + 1) {
                    insert(size, seq);
                    return;
                }
            }
            int i = search(seq);
            if (i >= 0) {
                return; // already held
            }
            int at = -i - 1; // first range with lo > seq
            boolean joinsLeft = at > 0 && hi[at - 1] + 1 == seq;
            boolean joinsRight = at < size && lo[at] - 1 == seq;
            if (joinsLeft && joinsRight) {
                hi[at - 1] = hi[at];
                System.arraycopy(lo, at + 1, lo, at, size - at - 1);
                System.arraycopy(hi, at + 1, hi, at, size - at - 1);
                size--;
            } else if (joinsLeft) {
                hi[at - 1] = seq;
            } else if (joinsRight) {
                lo[at] = seq;
            } else {
                insert(at, seq);
            }
        }

        boolean contains(long seq) {
            return search(seq) >= 0;
        }

        int ranges() {
            return size;
        }

        /** The index of the range holding seq, or {@code -(insertion point) - 1}. */
        private int search(long seq) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (hi[mid] < seq) {
                    low = mid + 1;
                } else if (lo[mid] > seq) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -low - 1;
        }

        private void insert(int at, long seq) {
            if (size == lo.length) {
                lo = Arrays.copyOf(lo, size * 2);
                hi = Arrays.copyOf(hi, size * 2);
            }
            System.arraycopy(lo, at, lo, at + 1, size - at);
            System.arraycopy(hi, at, hi, at + 1, size - at);
            lo[at] = seq;
            hi[at] = seq;
            size++;
        }
    }
}
