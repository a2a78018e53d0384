package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;

/** Signed image URLs: they work until they expire, and cannot be forged, extended or reused for another image. */
class ImageFilesTest {

    private static final Pattern PATH = Pattern.compile("/v1/images/files/(img_[0-9a-f]{32})\\?exp=(\\d+)&sig=(.+)");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void servesAnImageUntilItsUrlExpires() {
        ImageFiles files = new ImageFiles(Duration.ofMinutes(10), 1024, clock);
        Matcher url = parse(files.store(new byte[] { 1, 2, 3 }, "image/png"));

        assertThat(files.fetch(url.group(1), url.group(2), url.group(3)).bytes()).containsExactly(1, 2, 3);
        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> files.fetch(url.group(1), url.group(2), url.group(3)))
                .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void refusesAForgedExtendedOrMismatchedSignature() {
        ImageFiles files = new ImageFiles(Duration.ofMinutes(10), 1024, clock);
        Matcher first = parse(files.store(new byte[] { 1 }, "image/png"));
        Matcher second = parse(files.store(new byte[] { 2 }, "image/png"));
        long exp = Long.parseLong(first.group(2));

        assertForbidden(files, first.group(1), String.valueOf(exp + 60), first.group(3));
        assertForbidden(files, second.group(1), first.group(2), first.group(3));
        assertForbidden(files, first.group(1), first.group(2), "AAAA");
        assertForbidden(files, first.group(1), "soon", first.group(3));
        assertForbidden(files, "../../admin", first.group(2), first.group(3));
        assertThatThrownBy(() -> new ImageFiles(Duration.ofMinutes(10), 1024, clock).fetch(first.group(1),
                first.group(2), first.group(3))).as("another process's secret").isInstanceOf(GatewayException.class);
    }

    @Test
    void keepsOnlyAKnownImageMediaType() {
        ImageFiles files = new ImageFiles(Duration.ofMinutes(10), 1024, clock);
        Matcher jpeg = parse(files.store(new byte[] { 1 }, "image/jpeg"));
        Matcher odd = parse(files.store(new byte[] { 1 }, "text/html\r\nX-Injected: 1"));

        assertThat(files.fetch(jpeg.group(1), jpeg.group(2), jpeg.group(3)).mimeType()).isEqualTo("image/jpeg");
        assertThat(files.fetch(odd.group(1), odd.group(2), odd.group(3)).mimeType())
                .isEqualTo("application/octet-stream");
    }

    @Test
    void dropsTheOldestImagesBeyondTheByteBudget() {
        ImageFiles files = new ImageFiles(Duration.ofMinutes(10), 10, clock);
        Matcher oldest = parse(files.store(new byte[6], "image/png"));
        Matcher newest = parse(files.store(new byte[6], "image/png"));

        assertThatThrownBy(() -> files.fetch(oldest.group(1), oldest.group(2), oldest.group(3)))
                .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThat(files.fetch(newest.group(1), newest.group(2), newest.group(3)).bytes()).hasSize(6);
    }

    private static void assertForbidden(ImageFiles files, String id, String exp, String sig) {
        assertThatThrownBy(() -> files.fetch(id, exp, sig))
                .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED));
    }

    private static Matcher parse(String path) {
        Matcher m = PATH.matcher(path);
        assertThat(m.matches()).as(path).isTrue();
        return m;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
