package io.fluxfix.venue.fix;

import io.fluxfix.kraken.KrakenTags;
import quickfix.FieldNotFound;
import quickfix.Message;

/**
 * QuickFIX/J answers a message that fails the dictionary with its own reject text ("Required tag missing");
 * Kraken's gateway words them as in its examples: {@code Missing mandatory field: Side (54)},
 * {@code Invalid value for tag 40: OrderType}. Field names are the dictionary's, except where Kraken's examples
 * spell one otherwise (40 is {@code OrderType} in U-SR's example). The venue application calls this only for
 * rejects QuickFIX/J generated; a reject the venue wrote itself keeps its words.
 */
final class KrakenRejectTexts {

    private KrakenRejectTexts() {
    }

    static void rewrite(Message reject) {
        try {
            if (!reject.isSetField(KrakenTags.SESSION_REJECT_REASON) || !reject.isSetField(KrakenTags.REF_TAG_ID)) {
                return;
            }
            int reason = reject.getInt(KrakenTags.SESSION_REJECT_REASON);
            int tag = reject.getInt(KrakenTags.REF_TAG_ID);
            String name = tag == KrakenTags.ORD_TYPE ? "OrderType" : KrakenTags.name(tag);
            switch (reason) {
                case 1:
                    reject.setString(KrakenTags.TEXT, "Missing mandatory field: " + name + " (" + tag + ")");
                    break;
                case 5:
                    reject.setString(KrakenTags.TEXT, "Invalid value for tag " + tag + ": " + name);
                    break;
                case 6:
                    reject.setString(KrakenTags.TEXT, "Incorrect data format for tag " + tag + ": " + name);
                    break;
                case 13:
                    reject.setString(KrakenTags.TEXT, "Tag appears more than once: " + name + " (" + tag + ")");
                    break;
                case 0:
                case 2:
                case 3:
                    reject.setString(KrakenTags.TEXT, "Tag not allowed: " + tag);
                    break;
                default:
            }
        } catch (FieldNotFound e) {
            // cannot happen: every field read was checked first
        }
    }
}
