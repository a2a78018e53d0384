package dev.wormhole.core;

/** What a model can do, as the catalog knows it. */
public enum ModelCapability {
    CHAT, STREAM, TOOLS, VISION, JSON, EMBEDDINGS, REASONING, RERANK, IMAGES, SPEECH, TRANSCRIPTION
}
