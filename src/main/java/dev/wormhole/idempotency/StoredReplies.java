package dev.wormhole.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes a stored response is kept as in the state store: a format version, the fingerprint of the request that
 * produced it, then its status, content type and body.
 */
final class StoredReplies {

    private static final int VERSION = 1;

    private StoredReplies() {
    }

    /** A stored response with the fingerprint of the request that produced it. */
    record Stored(String fingerprint, IdempotentReply reply) {
    }

    static byte[] encode(String fingerprint, IdempotentReply reply) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(reply.body().length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(fingerprint);
            out.writeShort(reply.status());
            out.writeUTF(reply.contentType());
            out.writeInt(reply.body().length);
            out.write(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The stored response, marked as a replay; an unreadable record (another version) is an IllegalStateException. */
    static Stored decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("A stored idempotent response has format version " + version);
            }
            String fingerprint = in.readUTF();
            int status = in.readUnsignedShort();
            String contentType = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new Stored(fingerprint, new IdempotentReply(status, contentType, body, true));
        } catch (IOException e) {
            throw new IllegalStateException("A stored idempotent response is unreadable", e);
        }
    }
}
