package io.gpucloud.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Zero blocks become holes, and whatever the pattern of zeros the file reads back byte for byte as given. */
class AtomicFileTest {

    private static final int BLOCK = AtomicFile.BLOCK;

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 3 * BLOCK + 17, 196_624})
    void aFileOfZerosHasItsFullLengthAndReadsAsZeros(int length) throws IOException {
        Path file = work.resolve("zeros");
        AtomicFile.write(file, ByteBuffer.allocate(length), "zeros");
        assertThat(Files.readAllBytes(file)).isEqualTo(new byte[length]);
    }

    @Test
    void nonZeroBytesAtTheStartTheEndAndAcrossABlockBoundaryAreKept() throws IOException {
        byte[] content = new byte[5 * BLOCK + 100];
        content[0] = 1;                       // first block
        content[2 * BLOCK - 1] = 2;           // last byte of block 1 ...
        content[2 * BLOCK] = 3;               // ... and first of block 2: one run of two blocks
        content[content.length - 1] = 4;      // the short last block
        Path file = work.resolve("pattern");
        AtomicFile.write(file, ByteBuffer.wrap(content), "pattern");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void randomPatternsOfZeroAndNonZeroBlocksReadBackAsWritten() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int blocks = 1 + random.nextInt(12);
            byte[] content = new byte[(blocks - 1) * BLOCK + 1 + random.nextInt(BLOCK)];
            for (int block = 0; block < blocks; block++) {
                if (random.nextBoolean()) {
                    int at = block * BLOCK + random.nextInt(Math.min(BLOCK, content.length - block * BLOCK));
                    content[at] = (byte) (1 + random.nextInt(255));
                }
            }
            Path file = work.resolve("random-" + round);
            AtomicFile.write(file, ByteBuffer.wrap(content), "random");
            assertThat(Files.readAllBytes(file)).as("round %d, %d bytes", round, content.length).isEqualTo(content);
        }
    }

    @Test
    void onlyTheBytesFromTheBuffersPositionAreWritten() throws IOException {
        byte[] content = new byte[3 * BLOCK];
        Arrays.fill(content, 0, 10, (byte) 9);
        content[2 * BLOCK + 5] = 7;
        ByteBuffer buffer = ByteBuffer.wrap(content).position(10);
        Path file = work.resolve("offset");
        AtomicFile.write(file, buffer, "offset");
        assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOfRange(content, 10, content.length));
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void zeroBlocksTakeNoSpaceOnAFileSystemWithHoles() throws IOException {
        assumeTrue(ExternalCommand.onPath("stat"), "needs stat(1)");
        ExternalCommand commands = new ExternalCommand(Duration.ofSeconds(10));
        Path probe = work.resolve("probe");
        try (RandomAccessFile file = new RandomAccessFile(probe.toFile(), "rw")) {
            file.setLength(1 << 20);
        }
        assumeTrue(allocatedBytes(commands, probe) < 1 << 20, "the file system in " + work + " has no holes");

        byte[] content = new byte[48 * BLOCK];
        content[0] = 1;
        content[content.length - 1] = 1;
        Path file = work.resolve("sparse");
        AtomicFile.write(file, ByteBuffer.wrap(content), "sparse");

        assertThat(Files.size(file)).isEqualTo(content.length);
        assertThat(allocatedBytes(commands, file)).isLessThanOrEqualTo(4L * BLOCK);
    }

    private static long allocatedBytes(ExternalCommand commands, Path file) {
        String[] blocksAndUnit = commands.run(List.of("stat", "-c", "%b %B", file.toString())).trim().split(" ");
        return Long.parseLong(blocksAndUnit[0]) * Long.parseLong(blocksAndUnit[1]);
    }
}
