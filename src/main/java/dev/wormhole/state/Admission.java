package dev.wormhole.state;

import java.time.Duration;

/**
 * The answer of {@link StateStore#admit}: enough for a 429's {@code Retry-After} and the {@code x-ratelimit-*} headers.
 *
 * @param admitted whether the cost was counted
 * @param remaining what the window can still take now (after this cost when admitted)
 * @param retryAfter how long until this cost would fit, zero when admitted
 * @param resetAfter how long until everything counted now has left the window (the limit is whole again)
 * @param at the store's clock (epoch milliseconds) when the cost was counted; {@link StateStore#adjust} needs it
 */
public record Admission(boolean admitted, long remaining, Duration retryAfter, Duration resetAfter, long at) {
}
