package io.fluxfix.kraken;

import java.util.Arrays;
import java.util.Base64;

/**
 * A Kraken API secret, decoded. It never prints: {@link #toString()} is masked, and the bytes leave only
 * as the HMAC key inside {@link LogonSignature}.
 */
public final class ApiSecret {

    private final byte[] key;

    private ApiSecret(byte[] key) {
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException if the text is not base64; the message never contains the text
     */
    public static ApiSecret ofBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the API secret is empty");
        }
        try {
            return new ApiSecret(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the API secret is not valid base64");
        }
    }

    byte[] key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiSecret && java.security.MessageDigest.isEqual(key, ((ApiSecret) o).key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "ApiSecret[********]";
    }
}
