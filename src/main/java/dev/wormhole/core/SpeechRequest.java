package dev.wormhole.core;

/**
 * Text to speak. {@code format} is one of {@code mp3}, {@code wav}, {@code opus}, {@code aac}, {@code flac},
 * {@code pcm}; {@code speed} (0.25 to 4) and {@code instructions} are null when not given.
 */
public record SpeechRequest(String model, String input, String voice, String format, Double speed,
        String instructions) {

    public SpeechRequest withModel(String otherModel) {
        return new SpeechRequest(otherModel, input, voice, format, speed, instructions);
    }
}
