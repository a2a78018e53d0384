package dev.wormhole.provider;

import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.SpeechRequest;
import io.smallrye.mutiny.Multi;

/** A provider that also turns text into speech. */
public interface SpeechProvider extends Provider {

    /**
     * The audio in the requested format, relayed chunk by chunk as the upstream sends it (never collected whole).
     * Lazy; cancelling aborts the upstream call.
     */
    Multi<AudioChunk> speak(SpeechRequest request);
}
