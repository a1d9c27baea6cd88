/**
 * The venue's admin HTTP endpoint and its metrics.
 *
 * <p>{@link io.fluxfix.venue.admin.AdminServer} serves, for a {@link io.fluxfix.venue.admin.VenueAdmin} and the
 * registry of {@link io.fluxfix.venue.admin.VenueMetrics}:
 * <ul>
 *   <li>{@code GET /state} → 200, the venue snapshot as JSON (records by component name, decimals as exact JSON
 *       numbers, times as ISO-8601 strings);</li>
 *   <li>{@code POST /rollover} → 202 {@code {"rollover":"started"}} once the rollover is triggered;</li>
 *   <li>{@code POST /instruments/{symbol}/status} with {@code {"status":"cancel_only"}} → 200 echo
 *       {@code {"symbol":...,"status":...}}; the symbol is URL-encoded ({@code BTC%2FUSD});</li>
 *   <li>{@code POST /trading-mode} with {@code {"mode":"post_only"}} → 200 echo {@code {"mode":...}};</li>
 *   <li>{@code GET /metrics} → 200, Prometheus text format 0.0.4;</li>
 *   <li>{@code GET /health} → 200 {@code {"status":"UP"}}.</li>
 * </ul>
 *
 * <p>Errors are JSON {@code {"error":"<one line>"}}: 400 for a malformed body or one the venue refuses (unknown
 * symbol, status or mode), 404 for an unknown path, 405 (with {@code Allow}) for a wrong method, 413 for a body
 * over 64 KiB, 500 when a venue call fails. Bodies never carry stack traces; those go to the log.
 */
package io.fluxfix.venue.admin;
