package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One item of a response's {@code output}: a message, a function call, or a reasoning summary. */
public sealed interface ResponseOutputItem {

    /** The item type as the wire names it. */
    String type();

    /** The item's id. */
    String id();

    /** An assistant message; its {@code content} holds {@code output_text} parts. */
    @RegisterForReflection
    record Message(String type, String id, String status, String role, List<OutputText> content)
            implements ResponseOutputItem {

        public static Message of(String id, String status, List<OutputText> content) {
            return new Message("message", id, status, "assistant", content);
        }
    }

    /** A part of a message's content. */
    @RegisterForReflection
    record OutputText(String type, String text, List<Object> annotations) {

        public static OutputText of(String text) {
            return new OutputText("output_text", text, List.of());
        }
    }

    /** A call the model asks the client to make; {@code arguments} is JSON text. */
    @RegisterForReflection
    record FunctionCall(String type, String id, @JsonProperty("call_id") String callId, String name,
            String arguments, String status) implements ResponseOutputItem {

        public static FunctionCall of(String id, String callId, String name, String arguments, String status) {
            return new FunctionCall("function_call", id, callId, name, arguments, status);
        }
    }

    /**
     * Reasoning the model showed, as summary text; {@code encrypted_content} is the opaque state the client
     * sends back with the item so that the provider sees its reasoning again (absent when there is none).
     */
    @RegisterForReflection
    record Reasoning(String type, String id, List<SummaryText> summary,
            @JsonProperty("encrypted_content") @JsonInclude(JsonInclude.Include.NON_NULL) String encryptedContent)
            implements ResponseOutputItem {

        public static Reasoning of(String id, List<SummaryText> summary) {
            return new Reasoning("reasoning", id, summary, null);
        }

        public static Reasoning of(String id, List<SummaryText> summary, String encryptedContent) {
            return new Reasoning("reasoning", id, summary, encryptedContent);
        }
    }

    /** One part of a reasoning summary. */
    @RegisterForReflection
    record SummaryText(String type, String text) {

        public static SummaryText of(String text) {
            return new SummaryText("summary_text", text);
        }
    }
}
