package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One page of {@code GET /admin/keys}, by id; the next page is asked for with {@code ?after=<last_id>}.
 */
public record KeyList(String object, List<KeyView> data, @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("last_id") String lastId) {
}
