package io.gpucloud.objectstorage.s3.auth;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (polynomial 0xAD93D23594C93659, reflected, init and final XOR all ones; check value
 * of "123456789" is 0xAE8B14860A799888), which S3 calls CRC64NVME. The JDK has no 64-bit CRC, so
 * this is the plain byte-wise table form.
 */
final class Crc64Nvme implements Checksum {
    /** The polynomial bit-reversed, as the reflected algorithm shifts right. */
    private static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[] TABLE = buildTable();

    private long register = -1L;

    @Override
    public void update(int b) {
        register = TABLE[(int) ((register ^ b) & 0xff)] ^ (register >>> 8);
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        long crc = register;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        register = crc;
    }

    @Override
    public long getValue() {
        return ~register;
    }

    @Override
    public void reset() {
        register = -1L;
    }

    private static long[] buildTable() {
        long[] table = new long[256];
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
            }
            table[n] = crc;
        }
        return table;
    }
}
