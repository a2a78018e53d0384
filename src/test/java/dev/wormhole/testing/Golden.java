package dev.wormhole.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Golden files under {@code src/test/resources/fixtures/}, and upstream bodies cut into buffers. An output
 * that differs from its golden file (or has none yet) is also written under {@code target/golden-actual/},
 * for review; the test fails either way.
 */
public final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return JSON.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} is, byte for byte, the golden file's text. */
    public static void assertText(String path, String actual) {
        String golden = existing(path);
        if (!actual.equals(golden)) {
            record(path, actual);
        }
        assertThat(actual).as("golden %s", path).isEqualTo(golden);
    }

    /** Asserts that {@code actual} is the golden file's JSON: same members and values, in any member order. */
    public static void assertJson(String path, JsonNode tree) {
        String golden = existing(path);
        try {
            // Read back from text, so a long and an int of the same value compare equal.
            JsonNode actual = JSON.readTree(JSON.writeValueAsBytes(tree));
            String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n";
            if (golden == null || !JSON.readTree(golden).equals(actual)) {
                record(path, pretty);
            }
            assertThat(golden).as("golden %s", path).isNotNull();
            assertThat(actual).as("golden %s", path).isEqualTo(JSON.readTree(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the body, cut at every byte into two buffers, always translates to {@code expected};
     * reports the first cut that does not.
     */
    public static void assertEverySplit(byte[] body, String expected, Function<Multi<Buffer>, String> translate) {
        for (int cut = 1; cut < body.length; cut++) {
            Multi<Buffer> buffers = Multi.createFrom().items(Buffer.buffer(slice(body, 0, cut)),
                    Buffer.buffer(slice(body, cut, body.length)));
            String actual = translate.apply(buffers);
            if (!expected.equals(actual)) {
                fail("Cut at byte %d of %d translated differently:%n%s", cut, body.length, actual);
            }
        }
    }

    /** The body as one buffer per byte. */
    public static Multi<Buffer> oneBytePerBuffer(byte[] body) {
        List<Buffer> buffers = new ArrayList<>(body.length);
        for (byte b : body) {
            buffers.add(Buffer.buffer(new byte[] { b }));
        }
        return Multi.createFrom().iterable(buffers);
    }

    public static Multi<Buffer> oneBuffer(byte[] body) {
        return Multi.createFrom().item(Buffer.buffer(body));
    }

    private static byte[] slice(byte[] body, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(body, from, part, 0, part.length);
        return part;
    }

    private static String existing(String path) {
        try (InputStream in = Golden.class.getResourceAsStream("/fixtures/" + path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(String path, String actual) {
        try {
            Path file = Path.of("target", "golden-actual", path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
