package dev.wormhole.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One server tool call made by the agent loop, as reported to the client. Reflection: written into
 * responses and SSE comments by ObjectMapper calls, outside REST signatures.
 *
 * @param outcome {@code ok} or the error type of {@link ToolOutcome}
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentStep(int step, String tool, @JsonProperty("call_id") String callId, String arguments,
        @JsonProperty("duration_ms") long durationMs, String outcome, String error) {
}
