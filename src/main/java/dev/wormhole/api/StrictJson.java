package dev.wormhole.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The JSON reader for client input, parsing as strictly as OpenAI's own API: no content after the top-level
 * value, no key twice in one object, and no scalar converted to another type ({@code "5"} is not an integer,
 * {@code 1} is not a boolean, {@code 5.5} is not an integer). It is a copy of the application's
 * {@link ObjectMapper}, which stays lenient because the dialects read quirky upstream replies with it.
 */
@Singleton
public class StrictJson {

    private final ObjectMapper mapper;

    StrictJson(ObjectMapper global) {
        this.mapper = strict(global.copy());
    }

    /** The strict mapper; use it only to read what clients send. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Makes a mapper (a private copy: it is changed in place) refuse what OpenAI's parser refuses. */
    static ObjectMapper strict(ObjectMapper copy) {
        copy.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        copy.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        copy.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        refuse(copy, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        // An integer is a valid JSON spelling of a number (OpenAI takes "temperature": 1), so Float keeps it.
        refuse(copy, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        refuse(copy, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(copy, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        return copy;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
