package dev.wormhole.provider.simulator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.SpeechRequest;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Multi;

/**
 * The simulator's images and speech: a small one-colour PNG per image whose colour is a hash of the model,
 * prompt and index (deterministic), and a tone of about {@value #MILLIS_PER_CHARACTER} ms a character of input
 * (scaled by the speed) as WAV or raw PCM, streamed in {@value #CHUNK_BYTES}-byte chunks computed on demand.
 */
final class SimulatedMedia {

    static final int IMAGE_SIDE = 16;
    static final int CHUNK_BYTES = 4096;
    private static final int MILLIS_PER_CHARACTER = 20;

    private SimulatedMedia() {
    }

    static ImageResult images(ImageRequest request, long created) {
        if (request.outputFormat() != null && !request.outputFormat().equals("png")) {
            throw GatewayException.invalid("output_format", "The simulator makes PNG images only; omit "
                    + "output_format or set it to 'png'.");
        }
        List<ImageResult.Image> images = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            byte[] png = PngImage.filled(IMAGE_SIDE, IMAGE_SIDE, colour(request.model(), request.prompt(), i));
            images.add(new ImageResult.Image(Base64.getEncoder().encodeToString(png), "image/png", null, null));
        }
        return new ImageResult(request.model(), created, images,
                Usage.of(SimulatedAnswer.estimateTokens(request.prompt()), 0));
    }

    /** 0xRRGGBB from the first bytes of the SHA-256 of model, prompt and index. */
    static int colour(String model, String prompt, int index) {
        String hash = SimulatedAnswer.sha256(model + "\u0000" + prompt + "\u0000" + index);
        return Integer.parseInt(hash.substring(0, 6), 16);
    }

    static Multi<AudioChunk> speech(SpeechRequest request) {
        boolean wav = request.format().equals("wav");
        if (!wav && !request.format().equals("pcm")) {
            throw GatewayException.invalid("response_format", "The simulator speaks only 'wav' and 'pcm', not '"
                    + request.format() + "'; set response_format.");
        }
        double speed = request.speed() == null ? 1 : request.speed();
        long millis = Math.round(request.input().length() * MILLIS_PER_CHARACTER / speed);
        WavAudio audio = new WavAudio((int) Math.max(1, millis * WavAudio.SAMPLE_RATE / 1000), wav);
        long chunks = (audio.length() + CHUNK_BYTES - 1) / CHUNK_BYTES;
        return Multi.createFrom().range(0, (int) chunks)
                .map(i -> new AudioChunk(audio.slice((long) i * CHUNK_BYTES, CHUNK_BYTES), null));
    }
}
