/**
 * The client side of Kraken's FIX API: trading and market-data sessions over QuickFIX/J initiators, exposed as
 * Reactor streams and journaled before anything downstream sees them (issue 7).
 */
package io.fluxfix.session;
