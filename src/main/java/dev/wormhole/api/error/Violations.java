package dev.wormhole.api.error;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import dev.wormhole.core.GatewayException;

/** Bean-validation violations as one 400 that names the first offending field by its wire name. */
public final class Violations {

    private Violations() {
    }

    /**
     * @param skipSegments leading path segments that are not part of the body (for a resource parameter,
     *                     {@code create.body}: 2; for a validated DTO: 0)
     */
    public static GatewayException toException(Set<? extends ConstraintViolation<?>> violations, int skipSegments) {
        List<String> described = violations.stream()
                .map(v -> param(v.getPropertyPath().toString(), skipSegments) + ": " + v.getMessage())
                .sorted().toList();
        String first = violations.stream().map(v -> param(v.getPropertyPath().toString(), skipSegments))
                .min(Comparator.naturalOrder()).orElse(null);
        return GatewayException.invalid(first, "Invalid request: " + String.join("; ", described) + ".");
    }

    /**
     * {@code create.body.messages[0].toolCallId} → {@code messages[0].tool_call_id}: the wire name, since every
     * field of the OpenAI API is snake_case.
     */
    static String param(String propertyPath, int skipSegments) {
        String[] parts = propertyPath.split("\\.", skipSegments + 1);
        String path = parts.length == skipSegments + 1 ? parts[skipSegments] : propertyPath;
        return path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
