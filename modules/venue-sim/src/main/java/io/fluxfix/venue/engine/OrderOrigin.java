package io.fluxfix.venue.engine;

import java.util.Objects;

/**
 * Who sent a request: the account, the SenderCompID and the logon instance of that CompID's session (a new
 * number for every logon). Kraken binds cancel scope and cancel-on-disconnect to the session instance that
 * placed an order, not to the CompID.
 */
public record OrderOrigin(String account, String compId, long sessionInstance) {

    public OrderOrigin {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(compId, "compId");
    }
}
