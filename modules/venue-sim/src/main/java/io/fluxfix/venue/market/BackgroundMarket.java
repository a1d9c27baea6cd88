package io.fluxfix.venue.market;

import io.fluxfix.venue.engine.MatchingEngine;

/**
 * The venue's own market on one engine — synthetic or replayed from a recording. It acts on the venue clock:
 * the venue asks whether a step is {@link #due}, journals the time, and calls {@link #step}; a step must depend
 * only on the engine's state and the times it is called at, so that a restart replays it exactly.
 */
public interface BackgroundMarket {

    /** Whether it has anything to do at all. */
    boolean isActive();

    /** Whether {@code compId} is one of its own (its reports go nowhere). */
    boolean isOwn(String compId);

    /** Whether a step at {@code now} would act. */
    boolean due(long now);

    /** Acts for the time up to {@code now}; reports go to {@code out}. */
    void step(long now, MatchingEngine.Output out);
}
