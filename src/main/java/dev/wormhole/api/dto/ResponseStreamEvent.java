package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event of a streamed response. Each type carries its own subset of the fields (absent ones are not
 * written): lifecycle events the {@code response}, item events {@code output_index} and {@code item}, part
 * events {@code item_id}, {@code content_index} or {@code summary_index} and {@code part}, delta and done
 * events {@code delta}, {@code text} or {@code arguments}. Reflection: written into SSE frames.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseStreamEvent(String type, @JsonProperty("sequence_number") long sequenceNumber,
        ResponseObject response, @JsonProperty("output_index") Integer outputIndex, ResponseOutputItem item,
        @JsonProperty("item_id") String itemId, @JsonProperty("content_index") Integer contentIndex,
        @JsonProperty("summary_index") Integer summaryIndex, Object part, String delta, String text,
        String arguments, List<Object> logprobs) {

    /** A lifecycle event: {@code response.created}, {@code .in_progress}, {@code .completed}, {@code .failed}… */
    public static ResponseStreamEvent lifecycle(String type, long sequence, ResponseObject response) {
        return new ResponseStreamEvent(type, sequence, response, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** {@code response.output_item.added} or {@code .done}. */
    public static ResponseStreamEvent item(String type, long sequence, int outputIndex, ResponseOutputItem item) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, item, null, null, null, null, null, null,
                null, null);
    }

    /** {@code response.content_part.added} or {@code .done}. */
    public static ResponseStreamEvent contentPart(String type, long sequence, int outputIndex, String itemId,
            ResponseOutputItem.OutputText part) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, null, itemId, 0, null, part, null, null,
                null, null);
    }

    /** {@code response.output_text.delta} ({@code delta} set) or {@code .done} ({@code text} set). */
    public static ResponseStreamEvent outputText(String type, long sequence, int outputIndex, String itemId,
            String delta, String text) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, null, itemId, 0, null, null, delta, text,
                null, List.of());
    }

    /** {@code response.function_call_arguments.delta} ({@code delta} set) or {@code .done} ({@code arguments}). */
    public static ResponseStreamEvent arguments(String type, long sequence, int outputIndex, String itemId,
            String delta, String arguments) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, null, itemId, null, null, null, delta,
                null, arguments, null);
    }

    /** {@code response.reasoning_summary_part.added} or {@code .done}. */
    public static ResponseStreamEvent summaryPart(String type, long sequence, int outputIndex, String itemId,
            ResponseOutputItem.SummaryText part) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, null, itemId, null, 0, part, null, null,
                null, null);
    }

    /** {@code response.reasoning_summary_text.delta} ({@code delta} set) or {@code .done} ({@code text} set). */
    public static ResponseStreamEvent summaryText(String type, long sequence, int outputIndex, String itemId,
            String delta, String text) {
        return new ResponseStreamEvent(type, sequence, null, outputIndex, null, itemId, null, 0, null, delta, text,
                null, null);
    }
}
