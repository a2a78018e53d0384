package dev.wormhole.limit;

import java.util.List;

import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Uni;

/**
 * What one upstream attempt counted against the quotas of its provider and deployment: one request and a reservation
 * of tokens in each limited scope. Ending it corrects every reservation by the tokens really used; without a usage
 * (the attempt failed or was cancelled before reporting one) the prompt is counted, since it was sent.
 */
final class ProviderGrant implements Permit.Holding {

    private final List<MinuteWindows> windows;
    private final long prompt;

    ProviderGrant(List<MinuteWindows> windows, long prompt) {
        this.windows = windows;
        this.prompt = prompt;
    }

    @Override
    public Uni<Void> end(Usage usage) {
        long used = usage != null ? usage.totalTokens() : prompt;
        return all(windows.stream().map(scope -> scope.settle(used)).toList());
    }

    /** Waits for every one of {@code work} (none: done at once); each of them never fails. */
    static Uni<Void> all(List<Uni<Void>> work) {
        return work.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(work).andFailFast().replaceWithVoid();
    }

    @Override
    public Usage estimate(long outputTokens) {
        return Usage.of(prompt, outputTokens);
    }
}
