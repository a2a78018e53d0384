package dev.wormhole.telemetry;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes the gateway sets: the OpenTelemetry GenAI semantic conventions' ({@code gen_ai.*},
 * {@code server.*}, {@code error.type}) and its own ({@code wormhole.*}).
 */
public final class GenAiKeys {

    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> CACHED_TOKENS = AttributeKey.longKey(
            "gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("wormhole.attempt");
    public static final AttributeKey<String> TARGET = AttributeKey.stringKey("wormhole.target");
    public static final AttributeKey<Boolean> FALLBACK = AttributeKey.booleanKey("wormhole.fallback");
    public static final AttributeKey<Double> FIRST_CHUNK = AttributeKey.doubleKey("wormhole.time_to_first_chunk");
    public static final AttributeKey<Long> AGENT_STEP = AttributeKey.longKey("wormhole.agent.step");
    public static final AttributeKey<Long> BATCH_INDEX = AttributeKey.longKey("wormhole.batch.index");
    public static final AttributeKey<String> BATCH_URL = AttributeKey.stringKey("wormhole.batch.url");
    public static final AttributeKey<String> BATCH_CUSTOM_ID = AttributeKey.stringKey("wormhole.batch.custom_id");

    private GenAiKeys() {
    }
}
