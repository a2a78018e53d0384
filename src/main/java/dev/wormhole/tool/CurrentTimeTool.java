package dev.wormhole.tool;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** Built-in tool {@code current_time}: the current date and time in an IANA time zone. */
@ApplicationScoped
public class CurrentTimeTool implements Tool {

    @Override
    public String name() {
        return "current_time";
    }

    @Override
    public String description() {
        return "The current date and time in an IANA time zone such as Europe/Paris (UTC when omitted).";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("zone", Map.of("type", "string", "description", "IANA time zone, e.g. Asia/Tokyo")),
                "required", List.of(), "additionalProperties", false);
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Uni<JsonNode> execute(JsonNode arguments) {
        return Uni.createFrom().item(() -> {
            String zoneName = arguments.path("zone").asText("UTC");
            ZoneId zone;
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw new ToolException("Unknown time zone '" + zoneName + "'; use an IANA name such as Europe/Paris.");
            }
            ZonedDateTime now = ZonedDateTime.ofInstant(Instant.now(), zone);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("zone", zone.getId());
            result.put("iso", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            result.put("day_of_week", now.getDayOfWeek().name().toLowerCase());
            result.put("epoch_seconds", now.toEpochSecond());
            return result;
        });
    }
}
