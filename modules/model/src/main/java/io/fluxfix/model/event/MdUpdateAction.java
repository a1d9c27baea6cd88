package io.fluxfix.model.event;

public enum MdUpdateAction {
    NEW,
    /** The entry's size changed. */
    CHANGE,
    /**
     * The entry left the book (size 0) or, with a non-zero size, left the subscribed depth while still
     * existing in the book.
     */
    DELETE
}
