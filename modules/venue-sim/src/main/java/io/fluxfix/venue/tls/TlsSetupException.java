package io.fluxfix.venue.tls;

/**
 * The venue's TLS material could not be made or read. The message is one line that says what failed and why
 * (for keytool, its own output); it never contains a password.
 */
public final class TlsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
