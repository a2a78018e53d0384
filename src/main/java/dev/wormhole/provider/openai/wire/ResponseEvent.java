package dev.wormhole.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event of a streamed response, by {@code type}: {@code response.output_item.added} ({@code item}),
 * {@code response.output_text.delta} and {@code response.function_call_arguments.delta} ({@code delta}),
 * {@code response.completed} / {@code incomplete} / {@code failed} ({@code response}), {@code error}
 * ({@code code}, {@code message}), and others the gateway does not need.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseEvent(String type, @JsonProperty("output_index") Integer outputIndex,
        ResponseObject.OutputItem item, String delta, ResponseObject response, String code, String message) {
}
