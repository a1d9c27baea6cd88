package io.fluxfix.journal;

/** A journal cannot be opened or read as asked; the message is one line meant for a user. */
public final class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
