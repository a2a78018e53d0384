package dev.wormhole.provider.openai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ChatCompletionChunk;

/** JMH: the per-request mapping work of the OpenAI dialect, request out and response/chunk back, with JSON. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenAiMappingBenchmark {

    private final ObjectMapper json = new ObjectMapper();
    private ChatRequest request;
    private byte[] completion;
    private byte[] chunk;

    @Setup
    public void prepare() throws Exception {
        request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.text(Role.SYSTEM, "You are terse."),
                ChatMessage.text(Role.USER, "What is the weather in Oslo tomorrow?")), 0.2, null, 256, null, null, null,
                null, null, List.of(new ToolDefinition("weather", "Weather", Map.of("type", "object", "properties",
                        Map.of("city", Map.of("type", "string"))), null)), null, null, null, null, null, Map.of());
        completion = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Cold and clear.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":4,\"total_tokens\":44}}")
                .getBytes();
        chunk = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" clear\"},\"finish_reason\":null}]}").getBytes();
    }

    @Benchmark
    public byte[] requestToWireJson() throws Exception {
        return json.writeValueAsBytes(OpenAiMapper.toWire(request, true));
    }

    @Benchmark
    public Object completionFromWireJson() throws Exception {
        return OpenAiMapper.fromWire(json.readValue(completion, ChatCompletion.class), "gpt-4o-mini");
    }

    @Benchmark
    public Object chunkFromWireJson() throws Exception {
        return OpenAiMapper.fromWire(json.readValue(chunk, ChatCompletionChunk.class), "gpt-4o-mini");
    }
}
