package dev.wormhole.key;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.KeyLimits;

/**
 * The fields of a virtual key its owner sets: everything but its id, secret and life-cycle stamps.
 *
 * @param name      a label for people, 1 to 64 characters
 * @param team      owner or team tag, or null
 * @param models    model and alias globs the key may use; null for every model
 * @param limits    rate, concurrency and budget limits (never null)
 * @param expiresAt when the key stops working, or null
 * @param metadata  free-form labels (never null)
 */
public record KeySpec(String name, String team, List<String> models, KeyLimits limits, Instant expiresAt,
        Map<String, String> metadata) {

    public KeySpec {
        models = models == null ? null : List.copyOf(models);
        limits = limits == null ? KeyLimits.NONE : limits;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
