package io.fluxfix.model;

import java.util.ArrayList;
import java.util.List;

/** An immutable set of {@link ExecInstruction}s held in a bit mask: no allocation to test or carry it. */
public final class ExecInstructions {

    private static final ExecInstruction[] ALL = ExecInstruction.values();
    private static final ExecInstructions[] CACHE = new ExecInstructions[1 << ALL.length];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new ExecInstructions(i);
        }
    }

    public static final ExecInstructions NONE = CACHE[0];

    private final int bits;

    private ExecInstructions(int bits) {
        this.bits = bits;
    }

    public static ExecInstructions of(ExecInstruction... instructions) {
        int b = 0;
        for (ExecInstruction i : instructions) {
            b |= 1 << i.ordinal();
        }
        return CACHE[b];
    }

    public boolean contains(ExecInstruction instruction) {
        return (bits & (1 << instruction.ordinal())) != 0;
    }

    public ExecInstructions with(ExecInstruction instruction) {
        return CACHE[bits | (1 << instruction.ordinal())];
    }

    public ExecInstructions without(ExecInstruction instruction) {
        return CACHE[bits & ~(1 << instruction.ordinal())];
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    /** The instructions in declaration order. */
    public List<ExecInstruction> toList() {
        List<ExecInstruction> list = new ArrayList<>(ALL.length);
        for (ExecInstruction i : ALL) {
            if (contains(i)) {
                list.add(i);
            }
        }
        return List.copyOf(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecInstructions && ((ExecInstructions) o).bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
