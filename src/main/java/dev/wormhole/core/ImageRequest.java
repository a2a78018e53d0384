package dev.wormhole.core;

/**
 * Images to generate from a prompt. The optional settings are OpenAI's values, validated at the edge, and null
 * when the client left them to the model: {@code size} ({@code 1024x1024}, {@code auto}…), {@code quality},
 * {@code style}, {@code background}, {@code outputFormat} ({@code png}, {@code jpeg}, {@code webp}).
 *
 * @param n              how many images, 1 to 10
 * @param responseFormat {@code url} or {@code b64_json} as the client asked, null when it did not (providers
 *                       then answer as they like, and the edge converts)
 */
public record ImageRequest(String model, String prompt, int n, String size, String quality, String style,
        String background, String outputFormat, String responseFormat, String user) {

    public ImageRequest withModel(String otherModel) {
        return new ImageRequest(otherModel, prompt, n, size, quality, style, background, outputFormat,
                responseFormat, user);
    }
}
