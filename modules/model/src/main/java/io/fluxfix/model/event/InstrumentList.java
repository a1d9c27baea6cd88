package io.fluxfix.model.event;

import io.fluxfix.model.Instrument;

import java.util.List;
import java.util.Objects;

/**
 * The venue's instrument definitions, answering an instrument-list request.
 *
 * @param totalInstruments when the list is fragmented, the total over all fragments; else -1
 * @param lastFragment     when fragmented, whether this is the last fragment; else null
 */
public record InstrumentList(Stamp stamp, String requestId, String responseId, InstrumentListResult result,
                             String text, List<Instrument> instruments, int totalInstruments,
                             Boolean lastFragment) implements ReferenceDataEvent {

    public InstrumentList {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(result, "result");
        instruments = List.copyOf(instruments);
    }
}
