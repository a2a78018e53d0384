package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A block of reasoning as the gateway shows it beside OpenAI's fields (the convention LiteLLM and others
 * use): {@code thinking} with its {@code signature}, or {@code redacted_thinking} with opaque {@code data}.
 * A client that sends an assistant message back with its {@code thinking_blocks} lets a provider that needs
 * them (Anthropic, during tool use) see them again.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThinkingBlock(String type, String thinking, String signature, String data) {
}
