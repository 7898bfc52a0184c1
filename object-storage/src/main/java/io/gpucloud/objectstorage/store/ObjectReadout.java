package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An object opened for reading: its metadata and what its body is made of. For a plain object the body file
 * is already open, which pins that version: a newer upload may replace the row and unlink the file, and this
 * reader still streams the version it found. A large object's parts open one at a time, as the stream
 * reaches them. {@link #size()} and {@link #etag()} are the object's as a client sees it (for a dynamic
 * large object, computed from its current segments).
 */
public final class ObjectReadout implements Closeable {

    /**
     * A part of a large object that cannot be read as recorded: the segment is gone or was replaced. Before
     * anything was sent the API answers it as a conflict; afterwards the connection is all it can break.
     */
    public static final class SegmentChangedException extends IOException {
        SegmentChangedException(String message) {
            super(message);
        }
    }

    /** A run of bytes of the body: its length and how to open it when the stream reaches it. */
    interface Part {
        long size();

        FileChannel open() throws IOException;
    }

    private final StoredObject object;
    private final long size;
    private final String etag;
    private final List<Part> parts;
    private final Path file;
    private final Closeable onClose;

    /** A large or multipart object, read from {@code parts}. */
    ObjectReadout(StoredObject object, long size, String etag, List<Part> parts, Closeable onClose) {
        this(object, size, etag, parts, null, onClose);
    }

    /** A plain object: one part, which is the whole of {@code file}. */
    ObjectReadout(StoredObject object, Part body, Path file, Closeable onClose) {
        this(object, object.size(), object.etag(), List.of(body), requireNonNull(file, "file is null"), onClose);
    }

    private ObjectReadout(StoredObject object, long size, String etag, List<Part> parts, Path file, Closeable onClose) {
        this.object = requireNonNull(object, "object is null");
        this.size = size;
        this.etag = requireNonNull(etag, "etag is null");
        this.parts = List.copyOf(parts);
        this.file = file;
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    public StoredObject object() {
        return object;
    }

    public long size() {
        return size;
    }

    public String etag() {
        return etag;
    }

    /**
     * For a plain object, the file that holds exactly its body, for a response to hand to the kernel (sendfile)
     * instead of streaming it. The file was open when this readout was made, and a file name is never reused
     * for other bytes; a newer version retires it only after a grace period ({@link RetiredBodies}), long
     * enough for the web server to open it after this readout is closed. Empty for large and multipart objects.
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Bytes {@code offset} to {@code offset + length - 1} of the body, streamed part by part. */
    public InputStream stream(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside 0.." + size);
        }
        return new PartsStream(offset, length);
    }

    @Override
    public void close() throws IOException {
        onClose.close();
    }

    /** Reads across parts, opening each one only when it is reached and closing it when done. */
    private final class PartsStream extends InputStream {
        private long remaining;
        private long skip;
        private int next;
        private FileChannel current;
        private long currentLeft;

        PartsStream(long offset, long length) {
            this.remaining = length;
            this.skip = offset;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (remaining > 0) {
                if (current == null && !advance()) {
                    throw new SegmentChangedException("The object's parts end before its size says");
                }
                int want = (int) Math.min(len, Math.min(remaining, currentLeft));
                int n = current.read(ByteBuffer.wrap(buffer, off, want));
                if (n < 0) {
                    throw new SegmentChangedException("A part of the object is shorter than recorded");
                }
                remaining -= n;
                currentLeft -= n;
                if (currentLeft == 0) {
                    closeCurrent();
                }
                if (n > 0) {
                    return n;
                }
            }
            return -1;
        }

        private boolean advance() throws IOException {
            while (next < parts.size()) {
                Part part = parts.get(next++);
                if (skip >= part.size()) {
                    skip -= part.size();
                    continue;
                }
                current = part.open();
                current.position(current.position() + skip);
                currentLeft = part.size() - skip;
                skip = 0;
                return true;
            }
            return false;
        }

        private void closeCurrent() throws IOException {
            FileChannel done = current;
            current = null;
            if (done != null) {
                done.close();
            }
        }

        @Override
        public void close() throws IOException {
            closeCurrent();
        }
    }
}
