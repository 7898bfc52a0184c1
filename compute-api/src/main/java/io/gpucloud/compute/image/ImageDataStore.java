package io.gpucloud.compute.image;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data on a POSIX path: {@code <directory>/<image uuid>}, the layout the compute agent's LocalImageDirectory
 * reads, so agents on the same machine (or a shared file system) can use the directory as is. Data is streamed
 * to a hidden temporary file in the same directory and renamed into place only when complete, so a file under an
 * image's uuid is always whole. File names come from uuids only, never from user input.
 */
final class ImageDataStore {

    /** Data received for an image but not yet published under its uuid. */
    record StagedData(Path file, long size, String md5, String sha512) {
    }

    /** The upload is larger than the configured maximum. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long maxBytes) {
            super("Image exceeds the storage limit of " + maxBytes + " bytes.");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ImageDataStore.class);
    private static final int BUFFER = 1 << 20;
    private static final String TEMPORARY_PREFIX = ".upload-";

    private final Path directory;
    private final long maxBytes;

    ImageDataStore(Path directory, long maxBytes) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    Path directory() {
        return directory;
    }

    /** Copies {@code data} to a temporary file, counting and hashing it on the way. */
    StagedData stage(UUID imageId, InputStream data) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + imageId + "-", "");
        try {
            MessageDigest md5 = digest("MD5");
            MessageDigest sha512 = digest("SHA-512");
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                int read;
                while ((read = data.read(buffer)) != -1) {
                    size += read;
                    if (size > maxBytes) {
                        throw new TooLargeException(maxBytes);
                    }
                    md5.update(buffer, 0, read);
                    sha512.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
                // On disk before the rename makes it visible under the image's uuid, and before the image is active.
                channel.force(true);
            }
            return new StagedData(temporary, size, HexFormat.of().formatHex(md5.digest()),
                    HexFormat.of().formatHex(sha512.digest()));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** Moves staged data to {@code <directory>/<image uuid>} in one step. */
    void publish(StagedData staged, UUID imageId) throws IOException {
        Path target = fileOf(imageId);
        try {
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void discard(StagedData staged) {
        deleteQuietly(staged.file());
    }

    Optional<Path> find(UUID imageId) {
        Path file = fileOf(imageId);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    void delete(UUID imageId) {
        deleteQuietly(fileOf(imageId));
    }

    private Path fileOf(UUID imageId) {
        return directory.resolve(requireNonNull(imageId, "imageId is null").toString());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind: a hidden temporary or an orphan nobody can reach through the API; log it for the operator.
            log.warn("could not delete image file {}", file, e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }
}
