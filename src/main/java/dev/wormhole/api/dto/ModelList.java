package dev.wormhole.api.dto;

import java.util.List;

/** OpenAI's model list: {@code {"object":"list","data":[…]}}. */
public record ModelList(String object, List<ModelObject> data) {
}
