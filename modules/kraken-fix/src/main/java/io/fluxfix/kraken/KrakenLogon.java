package io.fluxfix.kraken;

import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;

import static io.fluxfix.kraken.KrakenTags.*;

/**
 * The Logon (35=A) fields of Kraken's dialect. Optional values are null; {@code toString()} masks the
 * credentials (553, 554, 5025) so that a logged Logon never leaks them.
 *
 * @param heartBtIntSeconds  108
 * @param resetSeqNum        141 ResetSeqNumFlag
 * @param username           553, the API key (trading sessions only)
 * @param password           554, see {@link LogonSignature}
 * @param nonce              5025, milliseconds since the epoch
 * @param cancelOnDisconnect 8674: true = cancel this session's orders on disconnect (8674=0, Kraken's default)
 * @param forceResetClOrdId  5030
 * @param clientId           109, links this connection to another one
 * @param rebased            5051, xStocks quantities in underlying-equity units
 */
public record KrakenLogon(int heartBtIntSeconds, Boolean resetSeqNum, String username, String password, String nonce,
                          Boolean cancelOnDisconnect, Boolean forceResetClOrdId, String clientId, Boolean rebased) {

    /** A market-data logon: no credentials. */
    public static KrakenLogon marketData(int heartBtIntSeconds, boolean resetSeqNum) {
        return new KrakenLogon(heartBtIntSeconds, resetSeqNum, null, null, null, null, null, null, null);
    }

    /** This logon with the credentials of a trading session, signed for the given header values. */
    public KrakenLogon signed(String apiKey, ApiSecret secret, long msgSeqNum, String senderCompId,
                              String targetCompId, String nonce) {
        String password = LogonSignature.sign(apiKey, secret, msgSeqNum, senderCompId, targetCompId, nonce);
        return new KrakenLogon(heartBtIntSeconds, resetSeqNum, apiKey, password, nonce, cancelOnDisconnect,
                forceResetClOrdId, clientId, rebased);
    }

    /** Sets the fields on a Logon's body (QuickFIX/J sets 98, 108 and 141 itself on live sessions). */
    public void writeTo(FieldMap logon) {
        logon.setString(ENCRYPT_METHOD, "0");
        if (heartBtIntSeconds > 0) {
            logon.setString(HEART_BT_INT, Integer.toString(heartBtIntSeconds));
        }
        setFlag(logon, RESET_SEQ_NUM_FLAG, resetSeqNum);
        setString(logon, USERNAME, username);
        setString(logon, PASSWORD, password);
        setString(logon, NONCE, nonce);
        setString(logon, CLIENT_ID, clientId);
        setFlag(logon, FORCE_RESET_CL_ORD_ID, forceResetClOrdId);
        setFlag(logon, REBASED, rebased);
        if (cancelOnDisconnect != null) {
            logon.setString(CANCEL_ORDERS_ON_DISCONNECT, cancelOnDisconnect ? "0" : "1");
        }
    }

    public static KrakenLogon readFrom(Message logon) throws DecodeException {
        final String t = "A";
        int heartBtInt;
        try {
            heartBtInt = Integer.parseInt(logon.getString(HEART_BT_INT));
        } catch (FieldNotFound e) {
            throw DecodeException.missing(HEART_BT_INT, t);
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(HEART_BT_INT, t, "?", "not an integer");
        }
        if (heartBtInt < 0) {
            throw DecodeException.badValue(HEART_BT_INT, t, Integer.toString(heartBtInt));
        }
        Boolean cod = null;
        String codText = optional(logon, CANCEL_ORDERS_ON_DISCONNECT);
        if (codText != null) {
            if (!codText.equals("0") && !codText.equals("1")) {
                throw DecodeException.badValue(CANCEL_ORDERS_ON_DISCONNECT, t, codText);
            }
            cod = codText.equals("0");
        }
        return new KrakenLogon(heartBtInt, flag(logon, RESET_SEQ_NUM_FLAG, t), optional(logon, USERNAME),
                optional(logon, PASSWORD), optional(logon, NONCE), cod, flag(logon, FORCE_RESET_CL_ORD_ID, t),
                optional(logon, CLIENT_ID), flag(logon, REBASED, t));
    }

    /** Whether the logon carries trading credentials. */
    public boolean hasCredentials() {
        return username != null || password != null || nonce != null;
    }

    @Override
    public String toString() {
        return "KrakenLogon[heartBtInt=" + heartBtIntSeconds + ", resetSeqNum=" + resetSeqNum
                + ", username=" + FixMasking.maskValue(username) + ", password=" + FixMasking.maskValue(password)
                + ", nonce=" + FixMasking.maskValue(nonce) + ", cancelOnDisconnect=" + cancelOnDisconnect
                + ", forceResetClOrdId=" + forceResetClOrdId + ", clientId=" + clientId + ", rebased=" + rebased + "]";
    }

    private static String optional(FieldMap m, int tag) {
        return m.isSetField(tag) ? m.getOptionalString(tag).orElse(null) : null;
    }

    private static Boolean flag(FieldMap m, int tag, String t) throws DecodeException {
        String v = optional(m, tag);
        if (v == null) {
            return null;
        }
        if (v.equals("Y") || v.equals("N")) {
            return v.equals("Y");
        }
        throw DecodeException.badValue(tag, t, v);
    }

    private static void setString(FieldMap m, int tag, String v) {
        if (v != null) {
            m.setString(tag, v);
        }
    }

    private static void setFlag(FieldMap m, int tag, Boolean v) {
        if (v != null) {
            m.setString(tag, v ? "Y" : "N");
        }
    }
}
