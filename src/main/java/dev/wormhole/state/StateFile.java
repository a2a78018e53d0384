package dev.wormhole.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded store's file: a snapshot of every live entry, replaced atomically (written to a temporary file,
 * forced to disk, then renamed over the old one), so that a crash leaves either the old or the new snapshot, never
 * half of one. A lock file keeps a second gateway from sharing it. Blocking: only ever called off the event loop.
 */
final class StateFile implements AutoCloseable {

    private static final int MAGIC = 0x57485354; // "WHST"
    private static final int VERSION = 1;

    private final Path path;
    private final Path temporary;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateFile(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the file for this process, or fails naming why (another gateway holds it, the folder is not writable). */
    static StateFile open(Path path) {
        Path absolute = path.toAbsolutePath();
        FileChannel channel = null;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            channel = FileChannel.open(absolute.resolveSibling(absolute.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
            return new StateFile(absolute, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StateStoreException("the state file " + absolute + " is in use by another gateway; the embedded "
                    + "store serves one replica: set wormhole.state.file to another file, or use "
                    + "wormhole.state.backend=redis to share state");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateStoreException("cannot open the state file " + absolute + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** The entries of the last snapshot, expired ones left out; empty when there is none yet. */
    Map<String, EmbeddedEntry> read(long now) {
        if (!Files.exists(path)) {
            return new HashMap<>();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(path)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a state file of this version");
            }
            Map<String, EmbeddedEntry> entries = new HashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = readString(in);
                EmbeddedEntry entry = StateCodec.read(in);
                if (!entry.expired(now)) {
                    entries.put(key, entry);
                }
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            throw new StateStoreException("the state file " + path + " cannot be read (" + e.getMessage() + "); "
                    + "move it away to start with empty state", e);
        }
    }

    /** The bytes of a snapshot of {@code entries}; cheap enough for the state thread, which owns the entries. */
    static byte[] encode(Map<String, EmbeddedEntry> entries, long now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            long live = entries.values().stream().filter(e -> !e.expired(now)).count();
            out.writeInt((int) live);
            for (Map.Entry<String, EmbeddedEntry> e : entries.entrySet()) {
                if (!e.getValue().expired(now)) {
                    writeString(out, e.getKey());
                    StateCodec.write(out, e.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Replaces the file with {@code snapshot}, atomically. */
    void write(byte[] snapshot) throws IOException {
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(snapshot);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel closes below, which releases the lock anyway
        }
        closeQuietly(lockChannel);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("truncated");
        }
        return in.readNBytes(length);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
