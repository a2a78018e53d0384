package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wormhole.core.GatewayException;

/** Image URLs: http(s) with a host, or a base64 data: URL of a raster image type within the size limit. */
class ImageUrlsTest {

    private static final String AT = "messages[0].content[0].image_url.url";
    private static final long LIMIT = 20L * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "javascript:alert(1)", "ftp://x", "ftp://example.com/a.png",
            "data:text/plain;base64,aGk=", "data:image/png;base64,", "data:image/png;base64,@@@",
            "data:image/png,rawbytes", "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "data:image/png;base64,aGk",
            "data:image/png;base64,a=Gk", "data:image/png;base64,aG=k", "data:image/png;base64,====",
            "data:image/png;base64,aGk=\n", "data:image/png;base64,aG k", "data:image/png;base64,aGk-",
            "data:image/png;base64,aGk_", "data:image/png;charset=utf-8,aGk=", "data:image/png;base64", "data:",
            "http://", "http:///a.png", "https://exa mple.com/a.png", "//example.com/a.png", "example.com/a.png",
            "http:example.com", "mailto:a@example.com", "https://[::1/a.png"})
    void refusesAnythingButAWebOrBase64ImageUrl(String url) {
        assertThatThrownBy(() -> ImageUrls.check(url, AT, LIMIT))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains(AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/cat.png", "http://127.0.0.1:8080/a.jpg?x=1#y",
            "HTTPS://EXAMPLE.COM/A.PNG", "data:image/png;base64,aGk=", "data:image/jpeg;base64,aGVsbG8h",
            "data:image/gif;base64,aA==", "data:image/webp;base64,+/+/", "DATA:IMAGE/PNG;BASE64,aGk="})
    void acceptsWebAndBase64ImageUrls(String url) {
        assertThatCode(() -> ImageUrls.check(url, AT, LIMIT)).doesNotThrowAnyException();
    }

    @Test
    void refusesAWebUrlOverTheLengthLimit() {
        String url = "https://example.com/" + "a".repeat(ImageUrls.MAX_URL_LENGTH);
        assertThatThrownBy(() -> ImageUrls.check(url, AT, LIMIT)).isInstanceOf(GatewayException.class);
        assertThatCode(() -> ImageUrls.check(url.substring(0, ImageUrls.MAX_URL_LENGTH), AT, LIMIT))
                .doesNotThrowAnyException();
    }

    @Test
    void boundsTheDecodedSizeOfADataUrl() {
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[300]);
        assertThatCode(() -> ImageUrls.check(image, AT, 300)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ImageUrls.check(image, AT, 299))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .contains("300 bytes").contains("wormhole.limits.max-image-size"));
    }

    @Test
    void scansBase64AsTheJdkDecoderReadsIt() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ @";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(13);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            long expected;
            try {
                expected = Base64.getDecoder().decode(text.toString()).length;
                // The JDK decoder also takes unpadded input, which strict base64 refuses.
                if (text.length() % 4 != 0) {
                    expected = -1;
                }
            } catch (IllegalArgumentException e) {
                expected = -1;
            }
            assertThat(Base64Payload.decodedSize(text, 0)).as("'%s'", text).isEqualTo(expected);
        }
    }
}
