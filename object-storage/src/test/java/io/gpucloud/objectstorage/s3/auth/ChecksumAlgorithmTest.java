package io.gpucloud.objectstorage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each algorithm against the check value of "123456789" from the CRC catalogue and FIPS 180. */
class ChecksumAlgorithmTest {
    @ParameterizedTest(name = "{0} of \"123456789\" is {1}")
    @CsvSource({
        "CRC32, cbf43926",
        "CRC32C, e3069283",
        "CRC64NVME, ae8b14860a799888",
        "SHA1, f7c3bc1d808e04732adf679965ccc34ca7ae3441",
        "SHA256, 15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
    })
    void checkValue(ChecksumAlgorithm algorithm, String expectedHex) {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        ChecksumAlgorithm.RunningChecksum split = algorithm.start();
        split.update(data, 0, 4);
        split.update(data, 4, 5);

        byte[] result = split.finish();

        assertThat(SigV4Crypto.hex(result)).isEqualTo(expectedHex);
        assertThat(result).hasSize(algorithm.width());
    }

    @ParameterizedTest
    @CsvSource({"x-amz-checksum-crc32, CRC32", "X-Amz-Checksum-CRC64NVME, CRC64NVME", "x-amz-checksum-sha256, SHA256"})
    void headerNamesMapToTheirAlgorithm(String header, ChecksumAlgorithm algorithm) {
        assertThat(ChecksumAlgorithm.fromHeaderName(header)).contains(algorithm);
        assertThat(algorithm.headerName()).isEqualTo(header.toLowerCase());
    }
}
