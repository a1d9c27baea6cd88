package io.fluxfix.book;

/**
 * What the book operators emit: a {@link BookView} of a book that has just changed and is believed correct,
 * or a {@link BookAlert} saying why a book is not being shown (checksum mismatch, crossed, stale, reset).
 */
public sealed interface BookEvent permits BookView, BookAlert {

    /** The instrument, e.g. {@code BTC/USD}; null only for an alert about a whole subscription. */
    String symbol();
}
