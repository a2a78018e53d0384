package dev.wormhole.api.dto;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /admin/usage}: one row per group of the {@code group_by} dimensions asked for, and the
 * totals over every row. Dates are UTC days; {@code from} and {@code to} are null when the query left them open.
 */
public record UsageReportView(String object, String from, String to, @JsonProperty("group_by") List<String> groupBy,
        List<Row> data, Amounts totals) {

    /**
     * One group: the values of the dimensions grouped by (the others are absent) and what was used.
     *
     * @param key     the key's id ({@code static} or {@code anonymous} for callers without a virtual key)
     * @param keyName the key's name, when the key still exists
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String key, @JsonProperty("key_name") String keyName, String provider, String model, String day,
            long requests, long errors, @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens, @JsonProperty("cached_tokens") long cachedTokens,
            @JsonProperty("total_tokens") long totalTokens, @JsonProperty("cost_usd") BigDecimal costUsd,
            @JsonProperty("unpriced_requests") long unpricedRequests) {
    }

    /**
     * What was used in total.
     *
     * @param unpricedRequests calls of models without a known price, counted at cost 0
     */
    public record Amounts(long requests, long errors, @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens, @JsonProperty("cached_tokens") long cachedTokens,
            @JsonProperty("total_tokens") long totalTokens, @JsonProperty("cost_usd") BigDecimal costUsd,
            @JsonProperty("unpriced_requests") long unpricedRequests) {
    }
}
