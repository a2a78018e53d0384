package dev.wormhole.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/** One embedded entry in the state file: its kind, its expiry, then what the kind holds. */
final class StateCodec {

    private static final byte VALUE = 1;
    private static final byte COUNTER = 2;
    private static final byte HASH = 3;
    private static final byte INDEX = 4;
    private static final byte WINDOW = 5;
    private static final byte LEASES = 6;

    private StateCodec() {
    }

    static void write(DataOutputStream out, EmbeddedEntry entry) throws IOException {
        if (entry instanceof EmbeddedEntry.Value v) {
            out.writeByte(VALUE);
            out.writeLong(v.expiresAt);
            out.writeInt(v.bytes.length);
            out.write(v.bytes);
        } else if (entry instanceof EmbeddedEntry.Counter c) {
            out.writeByte(COUNTER);
            out.writeLong(c.expiresAt);
            out.writeLong(c.value);
        } else if (entry instanceof EmbeddedEntry.Hash h) {
            out.writeByte(HASH);
            out.writeLong(h.expiresAt);
            writeLongs(out, h.fields);
        } else if (entry instanceof EmbeddedEntry.Index x) {
            out.writeByte(INDEX);
            out.writeLong(x.expiresAt);
            out.writeInt(x.members.size());
            for (String member : x.members) {
                StateFile.writeString(out, member);
            }
        } else if (entry instanceof EmbeddedEntry.Window w) {
            out.writeByte(WINDOW);
            out.writeLong(w.expiresAt);
            out.writeInt(w.costs.size());
            for (Map.Entry<Long, Long> e : w.costs.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }
        } else if (entry instanceof EmbeddedEntry.Leases l) {
            out.writeByte(LEASES);
            out.writeLong(l.expiresAt);
            writeLongs(out, l.expiries);
        } else {
            throw new IllegalStateException("no encoding for " + entry.kind());
        }
    }

    static EmbeddedEntry read(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        long expiresAt = in.readLong();
        EmbeddedEntry entry = switch (kind) {
            case VALUE -> new EmbeddedEntry.Value(StateFile.readBytes(in));
            case COUNTER -> {
                EmbeddedEntry.Counter c = new EmbeddedEntry.Counter();
                c.value = in.readLong();
                yield c;
            }
            case HASH -> {
                EmbeddedEntry.Hash h = new EmbeddedEntry.Hash();
                readLongs(in, h.fields);
                yield h;
            }
            case INDEX -> {
                EmbeddedEntry.Index x = new EmbeddedEntry.Index();
                for (int n = in.readInt(); n > 0; n--) {
                    x.members.add(StateFile.readString(in));
                }
                yield x;
            }
            case WINDOW -> {
                EmbeddedEntry.Window w = new EmbeddedEntry.Window();
                for (int n = in.readInt(); n > 0; n--) {
                    long at = in.readLong();
                    long cost = in.readLong();
                    w.costs.put(at, cost);
                    w.used += cost;
                }
                yield w;
            }
            case LEASES -> {
                EmbeddedEntry.Leases l = new EmbeddedEntry.Leases();
                readLongs(in, l.expiries);
                yield l;
            }
            default -> throw new IOException("unknown entry kind " + kind);
        };
        entry.expiresAt = expiresAt;
        return entry;
    }

    private static void writeLongs(DataOutputStream out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            StateFile.writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readLongs(DataInputStream in, Map<String, Long> map) throws IOException {
        for (int n = in.readInt(); n > 0; n--) {
            map.put(StateFile.readString(in), in.readLong());
        }
    }
}
