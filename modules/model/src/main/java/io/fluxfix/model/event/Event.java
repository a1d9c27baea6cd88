package io.fluxfix.model.event;

/**
 * Everything that reaches FluxFix from a venue, decoded once at the edge. Events are immutable and carry
 * their {@link Stamp}; they are what the journal stores and what streams emit.
 */
public sealed interface Event permits MarketDataEvent, OrderEvent, RejectEvent, ReferenceDataEvent, SessionEvent {

    Stamp stamp();
}
