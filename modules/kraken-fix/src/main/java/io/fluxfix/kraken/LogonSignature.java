package io.fluxfix.kraken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Kraken's trading-logon password (tag 554):
 * {@code base64(HMAC-SHA512(key = base64decode(secret), msg = SHA256("35=A␁34=<seq>␁49=<sender>␁56=<target>␁553=<key>␁" + nonce)))},
 * the five fields always in that order, whatever their order on the wire, and the HMAC over the raw 32-byte
 * digest. Used by the client to sign and by the local venue to verify.
 */
public final class LogonSignature {

    private static final char SOH = '\u0001';

    private LogonSignature() {
    }

    /** The text whose SHA-256 is signed; exposed for tests against Kraken's published vector. */
    public static String signedInput(String apiKey, long msgSeqNum, String senderCompId, String targetCompId,
                                     String nonce) {
        return "35=A" + SOH + "34=" + msgSeqNum + SOH + "49=" + senderCompId + SOH + "56=" + targetCompId + SOH
                + "553=" + apiKey + SOH + nonce;
    }

    public static String sign(String apiKey, ApiSecret secret, long msgSeqNum, String senderCompId,
                              String targetCompId, String nonce) {
        return Base64.getEncoder().encodeToString(mac(apiKey, secret, msgSeqNum, senderCompId, targetCompId, nonce));
    }

    /** Whether {@code password} is the signature of these fields; compares in constant time. */
    public static boolean verify(String password, String apiKey, ApiSecret secret, long msgSeqNum,
                                 String senderCompId, String targetCompId, String nonce) {
        final byte[] given;
        try {
            given = Base64.getDecoder().decode(password);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(apiKey, secret, msgSeqNum, senderCompId, targetCompId, nonce));
    }

    private static byte[] mac(String apiKey, ApiSecret secret, long msgSeqNum, String senderCompId,
                              String targetCompId, String nonce) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(signedInput(apiKey, msgSeqNum, senderCompId, targetCompId, nonce)
                            .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA512"));
            return mac.doFinal(digest);
        } catch (GeneralSecurityException e) {
            // SHA-256 and HmacSHA512 are mandatory in every JDK.
            throw new IllegalStateException("JDK lacks SHA-256 or HmacSHA512", e);
        }
    }
}
