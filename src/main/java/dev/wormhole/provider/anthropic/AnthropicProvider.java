package dev.wormhole.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.DialectProvider;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A provider speaking Anthropic's Messages API: chat (streamed or not, with tools, images and structured
 * output) and model discovery. No embeddings: Anthropic offers none.
 */
public final class AnthropicProvider extends DialectProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, false);

    private final AnthropicApi api;

    AnthropicProvider(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        super(settings, CAPABILITIES);
        this.api = new AnthropicApi(vertx, settings, json);
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        return checked(request, () -> api.messages(AnthropicMapper.toWire(request, false, quirks.defaultMaxTokens(),
                api.json()))).map(response -> AnthropicMapper.fromWire(response, request.model(),
                AnthropicMapper.answersThroughTool(request), now(), api.json()));
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        return checkedStream(request, () -> {
            AnthropicStream stream = new AnthropicStream(request.model(), AnthropicMapper.answersThroughTool(request),
                    now());
            return DeltaStreams.expand(api.streamMessages(AnthropicMapper.toWire(request, true,
                    quirks.defaultMaxTokens(), api.json())), stream::onEvent);
        });
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        return api.listModels().map(list -> AnthropicMapper.fromWire(list, id()));
    }

    @Override
    public void close() {
        api.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
