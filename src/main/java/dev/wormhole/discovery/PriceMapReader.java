package dev.wormhole.discovery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.core.ModelCapability;

/**
 * Reads a price map in LiteLLM's community format ({@code model_prices_and_context_window.json}, MIT): one object
 * keyed by model id, each entry naming its {@code litellm_provider} and {@code mode}, with prices per token, context
 * limits and {@code supports_*} flags. Tolerant: unknown fields are ignored; an entry that is not an object, has a
 * field of the wrong type or a negative price, belongs to a vendor we do not serve, or has a mode we do not serve
 * (images, audio, rerank…) is skipped, as is {@code sample_spec}. Pure: no I/O.
 */
final class PriceMapReader {

    private static final Map<String, String> FLAGS = Map.of("supports_function_calling", "TOOLS",
            "supports_vision", "VISION", "supports_response_schema", "JSON", "supports_reasoning", "REASONING");

    private final LocalDate today;

    /** @param today the date deprecation dates are compared with */
    PriceMapReader(LocalDate today) {
        this.today = today;
    }

    /** The map's usable entries by vendor; fails only when the document is not a JSON object. */
    PriceMap read(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a price map is a JSON object keyed by model id");
        }
        Map<String, Map<String, ModelFacts>> byVendor = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = document.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if ("sample_spec".equals(entry.getKey()) || !value.isObject()) {
                continue;
            }
            String vendor = LiteLlmVendors.vendor(text(value, "litellm_provider"));
            if (vendor == null) {
                continue;
            }
            ModelFacts facts = facts(LiteLlmVendors.modelId(entry.getKey()), value);
            if (facts != null) {
                byVendor.computeIfAbsent(vendor, v -> new HashMap<>()).putIfAbsent(facts.id(), facts);
            }
        }
        return new PriceMap(byVendor);
    }

    /** One entry's facts, or null when the entry is bad or of a mode we do not serve. */
    private ModelFacts facts(String id, JsonNode entry) {
        try {
            Set<ModelCapability> capabilities = capabilities(entry);
            if (capabilities != null && capabilities.isEmpty() && !"completion".equals(text(entry, "mode"))) {
                return null;
            }
            Set<ModelCapability> lacks = EnumSet.noneOf(ModelCapability.class);
            if (capabilities != null) {
                // The mode is explicit: what it excludes is denied, and so is each supports_* flag set to false.
                boolean chat = capabilities.contains(ModelCapability.CHAT);
                EnumSet<ModelCapability> has = EnumSet.noneOf(ModelCapability.class);
                has.addAll(capabilities);
                lacks.addAll(chat ? Set.of(ModelCapability.EMBEDDINGS) : EnumSet.complementOf(has));
                FLAGS.forEach((field, capability) -> {
                    if (chat && denied(entry, field)) {
                        lacks.add(ModelCapability.valueOf(capability));
                    }
                });
            }
            Integer context = integer(entry, "max_input_tokens");
            return new ModelFacts(id, null, capabilities, lacks,
                    context != null ? context : integer(entry, "max_tokens"),
                    integer(entry, "max_output_tokens"), perMillion(entry, "input_cost_per_token"),
                    perMillion(entry, "output_cost_per_token"), perMillion(entry, "cache_read_input_token_cost"),
                    deprecated(entry));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Null when the entry names no mode (nothing known); empty for a mode we do not serve. */
    private static Set<ModelCapability> capabilities(JsonNode entry) {
        String mode = text(entry, "mode");
        if (mode == null) {
            return null;
        }
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        switch (mode) {
            case "chat", "responses" -> {
                capabilities.add(ModelCapability.CHAT);
                capabilities.add(ModelCapability.STREAM);
                FLAGS.forEach((field, capability) -> {
                    if (flag(entry, field)) {
                        capabilities.add(ModelCapability.valueOf(capability));
                    }
                });
            }
            case "embedding" -> capabilities.add(ModelCapability.EMBEDDINGS);
            case "rerank" -> capabilities.add(ModelCapability.RERANK);
            default -> {
                // completion, image_generation, audio_speech, audio_transcription…: none we serve.
            }
        }
        return capabilities;
    }

    private Boolean deprecated(JsonNode entry) {
        String date = text(entry, "deprecation_date");
        if (date == null) {
            return null;
        }
        try {
            return !LocalDate.parse(date).isAfter(today);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw new IllegalArgumentException(field + " is not a boolean");
        }
        return value != null && value.asBoolean(false);
    }

    private static boolean denied(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isBoolean() && !value.asBoolean();
    }

    private static Integer integer(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " is not a token count");
        }
        return value.asInt();
    }

    /** A price per token as USD per million tokens, exactly (5e-7 per token is 0.5, not 0.49999999999999994). */
    private static Double perMillion(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException(field + " is not a price");
        }
        return value.decimalValue().movePointRight(6).stripTrailingZeros().doubleValue();
    }
}
