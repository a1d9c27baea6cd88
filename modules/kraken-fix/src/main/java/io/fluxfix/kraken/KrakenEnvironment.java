package io.fluxfix.kraken;

/** Where the FIX endpoints are: Kraken production, Kraken UAT, or the local venue on loopback. */
public enum KrakenEnvironment {
    PRODUCTION("fix.kraken.com", "colo-london.vip-fix.kraken.com"),
    UAT("fix.uat.kraken.com", "colo-london.vip-fix.uat.kraken.com"),
    LOCAL("localhost", "localhost");

    private final String genericHost;
    private final String coloHost;

    KrakenEnvironment(String genericHost, String coloHost) {
        this.genericHost = genericHost;
        this.coloHost = coloHost;
    }

    /** The host for this environment; Kraken's pages publish two families of names ({@code dialect.host.kind}). */
    public String host(DialectOptions.HostKind kind) {
        return kind == DialectOptions.HostKind.COLO ? coloHost : genericHost;
    }
}
