package dev.wormhole.api.sse;

import java.nio.charset.StandardCharsets;

/**
 * Server-sent-event framing of typed events, as the Responses API streams them: an {@code event:} line naming
 * the type, one {@code data:} line carrying single-line JSON, and a blank line. These streams have no
 * terminal {@code [DONE]} event.
 */
public final class EventFrames {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private EventFrames() {
    }

    /** One event; {@code type} is a gateway constant (never client text), {@code json} single-line JSON. */
    public static byte[] event(String type, byte[] json) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[EVENT.length + name.length + DATA.length + json.length + END.length];
        int at = 0;
        for (byte[] piece : new byte[][] { EVENT, name, DATA, json, END }) {
            System.arraycopy(piece, 0, frame, at, piece.length);
            at += piece.length;
        }
        return frame;
    }
}
