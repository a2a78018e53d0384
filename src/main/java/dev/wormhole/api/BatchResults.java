package dev.wormhole.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.BatchItemResult;
import dev.wormhole.api.dto.BatchRequest;
import dev.wormhole.api.dto.BatchResponse;
import dev.wormhole.api.dto.ChatCompletionResponse;
import dev.wormhole.api.dto.EmbeddingsResponse;
import dev.wormhole.api.dto.UsageDto;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.batch.BatchRun;
import dev.wormhole.batch.ItemOutcome;

/** Writes batch outcomes in the shapes clients read: one result per item, summed usage, run figures. */
@ApplicationScoped
class BatchResults {

    BatchItemResult of(ItemOutcome<Object> outcome, BatchRequest.Item item, String requestId) {
        if (outcome.succeeded()) {
            return new BatchItemResult(outcome.index(), item.customId(), 200, outcome.value(), null);
        }
        ErrorEnvelopes error = ErrorEnvelopes.of(outcome.failure(), requestId);
        return new BatchItemResult(outcome.index(), item.customId(), error.status(), null, error.envelope().error());
    }

    UsageDto usage(List<BatchItemResult> succeeded) {
        long prompt = 0;
        long completion = 0;
        for (BatchItemResult result : succeeded) {
            UsageDto usage = usageOf(result.response());
            if (usage != null) {
                prompt += usage.promptTokens();
                completion += usage.completionTokens() == null ? 0 : usage.completionTokens();
            }
        }
        return new UsageDto(prompt, completion, prompt + completion, null, null);
    }

    private static UsageDto usageOf(Object response) {
        if (response instanceof ChatCompletionResponse chat) {
            return chat.usage();
        }
        if (response instanceof EmbeddingsResponse embeddings) {
            return embeddings.usage();
        }
        return null;
    }

    BatchResponse.Stats stats(int succeeded, int failed, int total, BatchRun run) {
        return new BatchResponse.Stats(succeeded, failed, total - succeeded - failed, run.elapsedMillis(),
                run.maxInFlight(), run.concurrency());
    }
}
