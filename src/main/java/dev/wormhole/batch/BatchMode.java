package dev.wormhole.batch;

/** How a batch reports its items. */
public enum BatchMode {
    /** Every item's result, in input order. */
    ALL,
    /** Every item's result, split into succeeded and failed, each in input order. */
    COLLECT,
    /** The first successful result; every other item is cancelled or never started. */
    FIRST
}
