package dev.wormhole.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.api.error.Violations;
import dev.wormhole.core.GatewayException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Reads a JSON tree the gateway already holds into a request DTO, as strictly and with the same bean validation
 * as a resource parameter: for bodies kept whole besides their DTO (a relayed request, a batch item).
 */
@ApplicationScoped
class BodyReader {

    private final ObjectMapper json;
    private final Validator validator;

    BodyReader(StrictJson json, Validator validator) {
        this.json = json.mapper();
        this.validator = validator;
    }

    /**
     * The valid DTO, or a 400 naming the field; {@code what} names the body in the message. The type (and the
     * records nested in it) must be registered for reflection: unlike a resource parameter's type, nothing else
     * registers it for the native image.
     */
    <T> T read(JsonNode body, Class<T> type, String what) {
        if (!type.isAnnotationPresent(RegisterForReflection.class)) {
            throw new IllegalStateException(type.getName() + " is read from a JSON tree but not registered for "
                    + "reflection: the native image could not build it");
        }
        T value;
        try {
            value = json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            UnreadableJson unreadable = UnreadableJson.of(e);
            throw GatewayException.invalid(unreadable.param(), what + " is not valid: " + unreadable.message());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw Violations.toException(violations, 0);
        }
        return value;
    }
}
