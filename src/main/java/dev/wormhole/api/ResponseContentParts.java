package dev.wormhole.api;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;

/**
 * Reads one content part of a Responses API message item: {@code input_text} and {@code output_text} as text,
 * {@code input_image} (user messages only, its URL checked as chat images are) as an image.
 */
final class ResponseContentParts {

    private static final Set<String> TEXT_KEYS = Set.of("type", "text");
    private static final Set<String> OUTPUT_TEXT_KEYS = Set.of("type", "text", "annotations", "logprobs");
    private static final Set<String> IMAGE_KEYS = Set.of("type", "image_url", "detail");

    private ResponseContentParts() {
    }

    static ContentPart part(JsonNode part, Role role, String path, long maxImageBytes) {
        if (!part.isObject()) {
            throw GatewayException.invalid(path, path + " must be a content part object.");
        }
        String type = ResponseInputItems.text(part, "type", path);
        switch (type) {
            case "input_text":
                ResponseInputItems.allowOnly(part, TEXT_KEYS, path);
                return new ContentPart.Text(ResponseInputItems.text(part, "text", path));
            case "output_text":
                ResponseInputItems.allowOnly(part, OUTPUT_TEXT_KEYS, path);
                if (role != Role.ASSISTANT) {
                    throw GatewayException.invalid(path + ".type", "output_text parts belong to assistant messages.");
                }
                return new ContentPart.Text(ResponseInputItems.text(part, "text", path));
            case "input_image":
                ResponseInputItems.allowOnly(part, IMAGE_KEYS, path);
                if (role != Role.USER) {
                    throw GatewayException.invalid(path, "Images are only allowed in user messages.");
                }
                String url = ResponseInputItems.text(part, "image_url", path);
                ImageUrls.check(url, path + ".image_url", maxImageBytes);
                JsonNode detail = part.get("detail");
                return new ContentPart.Image(url, detail == null || detail.isNull() ? null : detail.asText());
            default:
                throw GatewayException.invalid(path + ".type", "Content part type '" + UnreadableJson.key(type)
                        + "' is not supported; use input_text, input_image or output_text.");
        }
    }
}
