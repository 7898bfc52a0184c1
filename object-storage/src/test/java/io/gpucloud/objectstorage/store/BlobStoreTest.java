package io.gpucloud.objectstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.objectstorage.store.StorageException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path root;

    @Test
    void aBodyIsStoredUnderItsIdWithItsMd5() throws Exception {
        BlobStore store = new BlobStore(root);
        byte[] body = random(200_000);
        StoredBlob blob = store.write(new ByteArrayInputStream(body), body.length, 1 << 20);
        assertThat(blob.size()).isEqualTo(body.length);
        assertThat(blob.md5()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)));
        Path file = root.resolve(blob.id().toString().substring(0, 2)).resolve(blob.id().toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        try (FileChannel channel = store.channel(blob.id())) {
            ByteBuffer read = ByteBuffer.allocate(body.length);
            while (read.hasRemaining() && channel.read(read) >= 0) {
                // fill
            }
            assertThat(read.array()).isEqualTo(body);
        }
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aBodyThatBreaksOffLeavesNoFileAtAll() {
        BlobStore store = new BlobStore(root);
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= 100_000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.write(breaking, -1, 1 << 20))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_BODY));
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void aBodyShorterThanAnnouncedOrLongerThanAllowedIsRefused() {
        BlobStore store = new BlobStore(root);
        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(new byte[10]), 11, 100))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_BODY));
        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(new byte[101]), -1, 100))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(new byte[0]), 101, 100))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(allFiles()).isEmpty();
    }

    @Test
    void deletingTwiceIsHarmless() {
        BlobStore store = new BlobStore(root);
        StoredBlob blob = store.write(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, 10);
        store.delete(blob.id());
        store.delete(blob.id());
        assertThat(store.exists(blob.id())).isFalse();
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.toList();
        }
    }

    private List<Path> allFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        return bytes;
    }
}
