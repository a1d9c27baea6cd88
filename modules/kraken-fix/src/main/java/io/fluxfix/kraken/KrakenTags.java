package io.fluxfix.kraken;

/** Tag numbers of Kraken's FIX dialect, standard and custom, by name. */
public final class KrakenTags {

    private KrakenTags() {
    }

    // Header and session
    public static final int BEGIN_STRING = 8;
    public static final int BODY_LENGTH = 9;
    public static final int CHECK_SUM = 10;
    public static final int MSG_TYPE = 35;
    public static final int MSG_SEQ_NUM = 34;
    public static final int SENDER_COMP_ID = 49;
    public static final int TARGET_COMP_ID = 56;
    public static final int SENDING_TIME = 52;
    public static final int POSS_DUP_FLAG = 43;
    public static final int ORIG_SENDING_TIME = 122;
    public static final int BEGIN_SEQ_NO = 7;
    public static final int END_SEQ_NO = 16;
    public static final int NEW_SEQ_NO = 36;
    public static final int GAP_FILL_FLAG = 123;
    public static final int ENCRYPT_METHOD = 98;
    public static final int HEART_BT_INT = 108;
    public static final int CLIENT_ID = 109;
    public static final int RESET_SEQ_NUM_FLAG = 141;
    public static final int USERNAME = 553;
    public static final int PASSWORD = 554;
    public static final int NONCE = 5025;
    public static final int FORCE_RESET_CL_ORD_ID = 5030;
    public static final int REBASED = 5051;
    public static final int CANCEL_ORDERS_ON_DISCONNECT = 8674;

    // Orders
    public static final int AVG_PX = 6;
    public static final int CL_ORD_ID = 11;
    public static final int CUM_QTY = 14;
    public static final int EXEC_ID = 17;
    public static final int EXEC_INST = 18;
    public static final int LAST_PX = 31;
    public static final int LAST_QTY = 32;
    public static final int ORDER_ID = 37;
    public static final int ORDER_QTY = 38;
    public static final int ORD_STATUS = 39;
    public static final int ORD_TYPE = 40;
    public static final int ORIG_CL_ORD_ID = 41;
    public static final int PRICE = 44;
    public static final int REF_SEQ_NUM = 45;
    public static final int SIDE = 54;
    public static final int SYMBOL = 55;
    public static final int TEXT = 58;
    public static final int TIME_IN_FORCE = 59;
    public static final int TRANSACT_TIME = 60;
    public static final int VALID_UNTIL_TIME = 62;
    public static final int NO_ALLOCS = 78;
    public static final int ALLOC_ACCOUNT = 79;
    public static final int STOP_PX = 99;
    public static final int CXL_REJ_REASON = 102;
    public static final int NET_MONEY = 118;
    public static final int EXPIRE_TIME = 126;
    public static final int NO_MISC_FEES = 136;
    public static final int MISC_FEE_AMT = 137;
    public static final int MISC_FEE_CURR = 138;
    public static final int MISC_FEE_TYPE = 139;
    public static final int EXEC_TYPE = 150;
    public static final int LEAVES_QTY = 151;
    public static final int EFFECTIVE_TIME = 168;
    public static final int REF_TAG_ID = 371;
    public static final int REF_MSG_TYPE = 372;
    public static final int SESSION_REJECT_REASON = 373;
    public static final int EXEC_RESTATEMENT_REASON = 378;
    public static final int BUSINESS_REJECT_REF_ID = 379;
    public static final int BUSINESS_REJECT_REASON = 380;
    public static final int GROSS_TRADE_AMT = 381;
    public static final int DISCRETION_INST = 388;
    public static final int CXL_REJ_RESPONSE_TO = 434;
    public static final int SECONDARY_EXEC_ID = 527;
    public static final int MASS_CANCEL_REQUEST_TYPE = 530;
    public static final int MISC_FEE_BASIS = 891;
    public static final int TRADE_ID = 1003;
    public static final int TRIGGER_PRICE = 1102;
    public static final int DISPLAY_QTY = 1138;
    public static final int LEVERAGE = 5001;
    public static final int LIQUIDITY_IND = 5050;
    public static final int SELF_TRADE_PREVENTION = 7928;

    // Reference data
    public static final int SECURITY_TYPE = 167;
    public static final int NO_RELATED_SYM = 146;
    public static final int INSTRUMENT_REQ_ID = 320;
    public static final int INSTRUMENT_RESPONSE_ID = 322;
    public static final int TRAD_SES_REQ_ID = 335;
    public static final int TRADING_SESSION_ID = 336;
    public static final int TRAD_SES_STATUS = 340;
    public static final int TOT_NO_RELATED_SYM = 393;
    public static final int INSTRUMENT_LIST_REQUEST_TYPE = 559;
    public static final int INSTRUMENT_REQUEST_RESULT = 560;
    public static final int MIN_TRADE_VOL = 562;
    public static final int TRAD_SES_STATUS_REJ_REASON = 567;
    public static final int LAST_FRAGMENT = 893;
    public static final int PRICE_PRECISION = 2349;
    public static final int QTY_PRECISION = 5010;
    public static final int QTY_MIN = 5011;
    public static final int QTY_MAX = 5012;
    public static final int MINIMUM_COST = 5013;
    public static final int TICK_SIZE = 5022;
    public static final int ASSET_PAIR_STATUS = 5032;
    public static final int MD_PRICE_PRECISION = 5052;

    // Market data
    public static final int MD_REQ_ID = 262;
    public static final int SUBSCRIPTION_REQUEST_TYPE = 263;
    public static final int MARKET_DEPTH = 264;
    public static final int MD_UPDATE_TYPE = 265;
    public static final int AGGREGATED_BOOK = 266;
    public static final int NO_MD_ENTRY_TYPES = 267;
    public static final int NO_MD_ENTRIES = 268;
    public static final int MD_ENTRY_TYPE = 269;
    public static final int MD_ENTRY_PX = 270;
    public static final int MD_ENTRY_SIZE = 271;
    public static final int MD_ENTRY_TIME = 273;
    public static final int MD_ENTRY_ID = 278;
    public static final int MD_UPDATE_ACTION = 279;
    public static final int MD_REQ_REJ_REASON = 281;
    public static final int AGGRESSOR_SIDE = 2446;
    public static final int CHECKSUM_ORDER_BOOK = 5041;
    public static final int MD_ENTRY_TIMESTAMP = 5060;
    public static final int MD_ENTRY_TIME_QUEUE = 5273;

    /** The dictionary's name of {@code tag}, e.g. {@code Side}, or {@code Tag<n>} if unknown. */
    public static String name(int tag) {
        String name = KrakenDictionary.get().getFieldName(tag);
        return name != null ? name : "Tag" + tag;
    }
}
