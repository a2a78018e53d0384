package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's {@code model} object, plus a {@code wormhole} object with what the gateway knows of the model.
 */
public record ModelObject(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
        Metadata wormhole) {

    /** Gateway metadata: the provider serving the model and whether it is the built-in simulator. */
    public record Metadata(String provider, String model, boolean simulated) {
    }
}
