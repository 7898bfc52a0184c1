package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object bodies as files under the data path, named by random UUIDs and never by object names, so no key
 * (however many {@code ..} or {@code /} it holds) can reach outside the data path or collide with another.
 *
 * <pre>
 * data-path/
 *   tmp/&lt;uuid&gt;          an upload in progress (or one a crash abandoned: the collector removes it)
 *   3f/3f2a…-…-&lt;uuid&gt;    a complete body; the first two hex digits of the UUID spread files over 256 folders
 * </pre>
 *
 * <p>A body is streamed to {@code tmp/}, hashed on the way, fsynced, then renamed into place (atomic on a
 * POSIX file system), and its folder fsynced: a reader sees the whole body or no file, and a crash leaves at
 * most a temporary file. Memory use does not depend on the body's size: one buffer per upload.
 */
public final class BlobStore {

    private static final Logger log = LoggerFactory.getLogger(BlobStore.class);
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final String TMP = "tmp";

    private final Path root;
    private final Path tmp;

    public BlobStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.tmp = this.root.resolve(TMP);
        try {
            Files.createDirectories(tmp);
            // All 256 shard folders now, so that a write need not check for (or create) its folder: creating
            // one that exists costs a thrown and caught exception inside the JDK on every upload.
            for (int shard = 0; shard < 256; shard++) {
                Files.createDirectories(root.resolve(HexFormat.of().toHexDigits((byte) shard)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the object data path " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Streams {@code body} into a new file and returns it once it is durable under its final name.
     *
     * @param expectedLength the length the client announced, or -1 when it did not (chunked upload)
     * @param maxLength the most bytes accepted
     * @throws StorageException {@link Reason#INCOMPLETE_BODY} when reading the body fails or ends early,
     *     {@link Reason#TOO_LARGE} past {@code maxLength}; the temporary file is gone in both cases
     */
    public StoredBlob write(InputStream body, long expectedLength, long maxLength) {
        if (expectedLength > maxLength) {
            throw new StorageException(Reason.TOO_LARGE, "The body of " + expectedLength + " bytes exceeds the limit of " + maxLength + ".");
        }
        UUID id = UUID.randomUUID();
        Path temporary = tmp.resolve(id.toString());
        boolean done = false;
        try {
            MessageDigest md5 = md5();
            long size;
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = copy(body, out, md5, maxLength);
                if (expectedLength >= 0 && size != expectedLength) {
                    throw new StorageException(Reason.INCOMPLETE_BODY,
                            "The body ended after " + size + " of " + expectedLength + " bytes.");
                }
                out.force(true);
            }
            Path target = pathOf(id);
            moveIntoShard(temporary, target);
            syncDirectory(target.getParent());
            done = true;
            return new StoredBlob(id, size, HexFormat.of().formatHex(md5.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store an object body under " + root, e);
        } finally {
            if (!done) {
                deleteQuietly(temporary);
            }
        }
    }

    /** The shard folders exist from the start; one removed from under a running service is made again. */
    private static void moveIntoShard(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The body file of {@code id}, open for reading; the caller closes it. */
    public FileChannel channel(UUID id) throws NoSuchFileException {
        try {
            return FileChannel.open(pathOf(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read object body " + id, e);
        }
    }

    /** Removes a body; one that is already gone is not an error (two replicas may both clean up). */
    public void delete(UUID id) {
        deleteQuietly(pathOf(id));
    }

    /**
     * Sets a body's modification time to now, so that the collector (which only takes old files) leaves it
     * alone for a while; a file already gone is not an error.
     */
    void touch(UUID id) {
        try {
            Files.setLastModifiedTime(pathOf(id), FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("Cannot touch body {}: {}", id, e.toString());
        }
    }

    public boolean exists(UUID id) {
        return Files.exists(pathOf(id));
    }

    /** Each temporary file with its last modification, for the collector. */
    void forEachTemporary(Consumer<FileAge> action) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                lastModified(file).ifPresent(time -> action.accept(new FileAge(file, null, time)));
            }
        }
    }

    /** Each body file with its id and last modification, folder by folder, for the collector. */
    void forEachBody(Consumer<FileAge> action) throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, path -> SHARD.matcher(path.getFileName().toString()).matches())) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        Optional<UUID> id = parseId(file.getFileName().toString());
                        if (id.isEmpty()) {
                            continue; // not ours: never delete what we did not write
                        }
                        lastModified(file).ifPresent(time -> action.accept(new FileAge(file, id.get(), time)));
                    }
                }
            }
        }
    }

    /** A file the collector may remove: its path, its body id (null for a temporary file), its age. */
    record FileAge(Path path, UUID id, Instant lastModified) {
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}; the collector will try again", file, e);
        }
    }

    Path pathOf(UUID id) {
        String name = id.toString();
        return root.resolve(name.substring(0, 2)).resolve(name);
    }

    private static long copy(InputStream body, FileChannel out, MessageDigest md5, long maxLength) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        while (true) {
            int read;
            try {
                read = body.read(buffer);
            } catch (IOException e) {
                // The client's side of the stream: a dropped connection, a broken chunk, a timeout.
                throw new StorageException(Reason.INCOMPLETE_BODY, "The upload was interrupted after " + size + " bytes.", e);
            }
            if (read < 0) {
                return size;
            }
            size += read;
            if (size > maxLength) {
                throw new StorageException(Reason.TOO_LARGE, "The body exceeds the limit of " + maxLength + " bytes.");
            }
            md5.update(buffer, 0, read);
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        }
    }

    /** Makes the rename itself durable; a file system that cannot sync a folder (some network ones) is logged, not fatal. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync folder {}: {}", directory, e.toString());
        }
    }

    private static Optional<Instant> lastModified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty(); // removed meanwhile, by another replica or a finished upload
        }
    }

    private static Optional<UUID> parseId(String name) {
        try {
            UUID id = UUID.fromString(name);
            return id.toString().equals(name) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }
}
