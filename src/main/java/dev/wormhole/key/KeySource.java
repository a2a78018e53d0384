package dev.wormhole.key;

/** Where a virtual key comes from, which decides whether the admin API may change it. */
public enum KeySource {
    /** Created through the admin API; changed, rotated, revoked and deleted through it. */
    API,
    /** Declared in configuration ({@code wormhole.keys.<name>}); read-only through the admin API. */
    CONFIG
}
