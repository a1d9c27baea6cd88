package io.fluxfix.book.kraken;

/** An import that cannot go on (a missing or unreadable file, a bad AssetPairs file); the message is one line. */
public final class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }
}
