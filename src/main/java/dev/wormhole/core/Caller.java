package dev.wormhole.core;

/**
 * Who a request comes from, as its gateway key says: the key's public id (never its secret), name and team, the
 * models it may use and its limits. Every request carries one, from the edge to routing, so that rate, budget and
 * usage accounting can be keyed by it.
 *
 * @param keyId  the key's public id: a virtual key's id, {@code static} for a key of
 *               {@code wormhole.auth.api-keys}, {@code anonymous} when the gateway runs without keys
 * @param name   the key's name
 * @param team   the owner or team tag, or null
 * @param models the models the key may use
 * @param limits the key's limits
 */
public record Caller(String keyId, String name, String team, ModelGlobs models, KeyLimits limits) {

    /** A caller of a gateway without keys. */
    public static final Caller ANONYMOUS = new Caller("anonymous", "anonymous", null, ModelGlobs.ANY, KeyLimits.NONE);

    /** A caller with one of the static gateway keys ({@code wormhole.auth.api-keys}): every model, no limits. */
    public static final Caller STATIC_KEY = new Caller("static", "static", null, ModelGlobs.ANY, KeyLimits.NONE);

    /** Whether this caller is a virtual key (declared in configuration or created through the admin API). */
    public boolean virtual() {
        return this != ANONYMOUS && this != STATIC_KEY;
    }

    /**
     * Fails with a 403 unless the key may use {@code model}; {@code param} names where the request named it.
     */
    public void requireModel(String model, String param) {
        if (!models.allows(model)) {
            throw GatewayException.forbidden(param, "model_not_allowed", "This API key may not use the model '"
                    + model + "'; ask its owner to add it to the key's models.");
        }
    }
}
