package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decodes an {@code aws-chunked} request body into the object's bytes, checking it on the way.
 *
 * <pre>
 * 10000;chunk-signature=ad80c7...\r\n  &lt;65536 bytes&gt;\r\n     signed chunk (unsigned modes: "10000\r\n")
 * 400;chunk-signature=0055627c...\r\n  &lt;1024 bytes&gt;\r\n
 * 0;chunk-signature=b6c6ea8a...\r\n                          final, empty chunk
 * x-amz-checksum-crc32c:sOO8/Q==\r\n                         trailer modes only
 * x-amz-trailer-signature:d81f82fc...\r\n                    signed trailer mode only
 * \r\n
 * </pre>
 *
 * <p>A signed chunk is read whole into memory and its signature checked before any of its bytes
 * are handed out, so the consumer never sees data the chain has not vouched for; chunks larger
 * than the configured maximum are refused before they are read. The decoded length must equal
 * {@code x-amz-decoded-content-length}. The trailing checksum can only be checked at the end, so
 * the last {@code read} that would return -1 throws instead when it does not match.
 *
 * <p>Failures are {@link S3AuthException}s thrown from {@code read} (unchecked); an
 * {@link IOException} means the connection failed. Either way the consumer must throw away what
 * it has written. Not thread-safe, like any stream.
 */
public final class AwsChunkedInputStream extends InputStream {
    private static final int MAX_LINE_LENGTH = 4096;
    private static final int MAX_TRAILER_LINES = 16;
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final ChunkSignatureChain chain;
    private final long decodedContentLength;
    private final ChecksumAlgorithm trailerChecksum;
    private final ChecksumAlgorithm.RunningChecksum runningChecksum;
    private final boolean signedTrailer;
    private final int maxChunkSize;

    private byte[] chunk = new byte[0];
    private int position;
    private int limit;
    private long decodedSoFar;
    private boolean finished;

    /**
     * @param in the request body after HTTP transfer decoding, still aws-chunked
     * @param mode one of the streaming modes
     * @param signing from the verified request; supplies the seed signature of the chunk chain
     * @param decodedContentLength the {@code x-amz-decoded-content-length} the client declared
     * @param trailerChecksum the checksum declared in {@code x-amz-trailer}; required for the
     *     trailer modes, {@code null} otherwise
     * @param maxChunkSize the largest chunk accepted
     */
    public AwsChunkedInputStream(InputStream in, PayloadMode mode, SigningContext signing, long decodedContentLength,
            ChecksumAlgorithm trailerChecksum, int maxChunkSize) {
        requireNonNull(in, "in is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(signing, "signing is null");
        if (!mode.isStreaming()) {
            throw new IllegalArgumentException("not an aws-chunked payload mode: " + mode);
        }
        if (mode.hasTrailer() != (trailerChecksum != null)) {
            throw new IllegalArgumentException("a trailer checksum is required exactly for the trailer modes: " + mode);
        }
        if (decodedContentLength < 0 || maxChunkSize < 1) {
            throw new IllegalArgumentException("negative length or chunk size");
        }
        this.in = new BufferedInputStream(in);
        this.chain = mode.hasChunkSignatures() ? new ChunkSignatureChain(signing) : null;
        this.decodedContentLength = decodedContentLength;
        this.trailerChecksum = trailerChecksum;
        this.runningChecksum = trailerChecksum == null ? null : trailerChecksum.start();
        this.signedTrailer = mode == PayloadMode.STREAMING_SIGNED_TRAILER;
        this.maxChunkSize = maxChunkSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (finished) {
                return -1;
            }
            readChunk();
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void readChunk() throws IOException {
        String header = readLine(S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);
        if (header == null) {
            throw incompleteBody();
        }
        String[] parts = header.split(";");
        int size = parseChunkSize(parts[0].strip());
        String signature = chunkSignature(parts);
        if (decodedSoFar + size > decodedContentLength) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_REQUEST,
                    "The aws-chunked body is longer than x-amz-decoded-content-length (" + decodedContentLength + " bytes).");
        }
        if (chunk.length < size) {
            chunk = new byte[size];
        }
        if (in.readNBytes(chunk, 0, size) < size) {
            throw incompleteBody();
        }
        if (size > 0) {
            String end = readLine(S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR);
            if (end == null) {
                throw incompleteBody();
            }
            if (!end.isEmpty()) {
                throw new S3AuthException(S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR,
                        "The chunk data is longer than its declared size.");
            }
        }
        if (chain != null) {
            chain.verifyChunk(chunk, size, signature);
        }
        if (size == 0) {
            finish();
            return;
        }
        if (runningChecksum != null) {
            runningChecksum.update(chunk, 0, size);
        }
        decodedSoFar += size;
        position = 0;
        limit = size;
    }

    private int parseChunkSize(String hex) {
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(AwsChunkedInputStream::isHexDigit)) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR, "The chunk size is not a hexadecimal number"
                    + " of at most 8 digits.");
        }
        long size = Long.parseLong(hex, 16);
        if (size > maxChunkSize) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_CHUNK_SIZE_ERROR, "The chunk size " + size
                    + " exceeds the largest chunk this service accepts, " + maxChunkSize + " bytes.");
        }
        return (int) size;
    }

    private String chunkSignature(String[] headerParts) {
        if (chain == null) {
            return null;
        }
        for (int i = 1; i < headerParts.length; i++) {
            String extension = headerParts[i].strip();
            if (extension.startsWith("chunk-signature=")) {
                return extension.substring("chunk-signature=".length());
            }
        }
        throw new S3AuthException(S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH, "A chunk of a signed aws-chunked body"
                + " carries no chunk-signature.");
    }

    private void finish() throws IOException {
        if (decodedSoFar != decodedContentLength) {
            throw incompleteBody();
        }
        if (trailerChecksum == null) {
            String end = readLine(S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
            if (end != null && !end.isEmpty()) {
                throw new S3AuthException(S3AuthErrorCode.MALFORMED_TRAILER_ERROR,
                        "The request contained trailing data but x-amz-content-sha256 declares no trailer.");
            }
        }
        else {
            verifyTrailer();
        }
        finished = true;
        position = 0;
        limit = 0;
    }

    private void verifyTrailer() throws IOException {
        TreeMap<String, String> trailers = new TreeMap<>();
        String signature = null;
        String line = readLine(S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
        if (line != null && line.isEmpty()) {
            // Some clients put an empty line between the final chunk and the trailer; the trailer
            // signature and checksum still decide, so it is skipped.
            line = readLine(S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
        }
        for (int count = 0; line != null && !line.isEmpty(); count++) {
            int colon = line.indexOf(':');
            if (count == MAX_TRAILER_LINES || colon <= 0) {
                throw malformedTrailer("The trailer is not a list of name:value lines.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals(TRAILER_SIGNATURE) && signature == null) {
                signature = value;
            }
            else if (name.equals(TRAILER_SIGNATURE) || trailers.put(name, value) != null) {
                throw malformedTrailer("The trailer repeats " + name + ".");
            }
            line = readLine(S3AuthErrorCode.MALFORMED_TRAILER_ERROR);
        }
        String declared = trailerChecksum.headerName();
        if (!trailers.containsKey(declared) || trailers.size() != 1) {
            throw malformedTrailer("The trailer must carry exactly the " + declared + " declared in x-amz-trailer;"
                    + " it carries " + trailers.keySet() + ".");
        }
        if (signedTrailer) {
            if (signature == null) {
                throw malformedTrailer("The trailer of a signed aws-chunked body carries no " + TRAILER_SIGNATURE + ".");
            }
            StringBuilder canonical = new StringBuilder();
            trailers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
            chain.verifyTrailer(canonical.toString(), signature);
        }
        DigestCheckingInputStream.verify(trailerChecksum, runningChecksum.finish(), trailers.get(declared));
    }

    /**
     * One line, without its line end. CRLF is the rule; a bare LF is accepted because the final
     * signature or checksum still has to match. Null at the end of the stream.
     */
    private String readLine(S3AuthErrorCode tooLong) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b != '\n') {
            if (b < 0) {
                throw incompleteBody();
            }
            if (line.size() == MAX_LINE_LENGTH) {
                throw new S3AuthException(tooLong, "A chunk header or trailer line is longer than " + MAX_LINE_LENGTH + " bytes.");
            }
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static S3AuthException incompleteBody() {
        return new S3AuthException(S3AuthErrorCode.INCOMPLETE_BODY,
                "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header.");
    }

    private static S3AuthException malformedTrailer(String message) {
        return new S3AuthException(S3AuthErrorCode.MALFORMED_TRAILER_ERROR, message);
    }
}
