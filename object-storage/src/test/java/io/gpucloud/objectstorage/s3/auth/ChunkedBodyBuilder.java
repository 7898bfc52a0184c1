package io.gpucloud.objectstorage.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes aws-chunked bodies for tests, signing chunks and trailer the way the SDKs do. The
 * string-to-sign text is spelled out here rather than borrowed from {@link ChunkSignatureChain},
 * and the AWS documented example pins both.
 */
final class ChunkedBodyBuilder {
    private final SigningContext signing;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private String previousSignature;
    private String lastChunkSignature;

    /** @param signing null for an unsigned (STREAMING-UNSIGNED-PAYLOAD-TRAILER) body */
    ChunkedBodyBuilder(SigningContext signing) {
        this.signing = signing;
        this.previousSignature = signing == null ? null : signing.seedSignature();
    }

    /** One chunk; an empty {@code data} is the final chunk, which has no CRLF of its own after the header. */
    ChunkedBodyBuilder chunk(byte[] data) {
        String header = Integer.toHexString(data.length);
        if (signing != null) {
            lastChunkSignature = sign("AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope().value() + "\n"
                    + previousSignature + "\n" + SigV4Crypto.EMPTY_SHA256 + "\n" + SigV4Crypto.sha256Hex(data, 0, data.length));
            previousSignature = lastChunkSignature;
            header += ";chunk-signature=" + lastChunkSignature;
        }
        ascii(header + "\r\n");
        out.writeBytes(data);
        if (data.length > 0) {
            ascii("\r\n");
        }
        return this;
    }

    /** {@code data} in chunks of {@code chunkSize}, then the final empty chunk. */
    ChunkedBodyBuilder chunks(byte[] data, int chunkSize) {
        for (int offset = 0; offset < data.length; offset += chunkSize) {
            byte[] piece = new byte[Math.min(chunkSize, data.length - offset)];
            System.arraycopy(data, offset, piece, 0, piece.length);
            chunk(piece);
        }
        return chunk(new byte[0]);
    }

    /** Ends a body without trailer: the empty line after the final chunk. */
    ChunkedBodyBuilder end() {
        return ascii("\r\n");
    }

    /** The checksum trailer of {@code data}, signed when this body is, then the closing empty line. */
    ChunkedBodyBuilder checksumTrailer(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.RunningChecksum checksum = algorithm.start();
        checksum.update(data, 0, data.length);
        return trailer(algorithm.headerName(), Base64.getEncoder().encodeToString(checksum.finish()));
    }

    /** One trailer line (signed when this body is), then the closing empty line. */
    ChunkedBodyBuilder trailer(String name, String value) {
        ascii(name + ":" + value + "\r\n");
        if (signing != null) {
            ascii("x-amz-trailer-signature:" + sign("AWS4-HMAC-SHA256-TRAILER\n" + signing.amzDate() + "\n"
                    + signing.scope().value() + "\n" + lastChunkSignature + "\n" + SigV4Crypto.sha256Hex(name + ":" + value + "\n"))
                    + "\r\n");
        }
        return ascii("\r\n");
    }

    ChunkedBodyBuilder ascii(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private String sign(String stringToSign) {
        return SigV4Crypto.sign(signing.signingKey(), stringToSign);
    }
}
