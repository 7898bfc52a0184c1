package io.gpucloud.objectstorage.s3.auth;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the body of a verified request as the object's bytes, wrapped in whatever checks its
 * payload mode calls for:
 *
 * <pre>
 * SIGNED                       body, SHA-256 must equal x-amz-content-sha256 -> XAmzContentSHA256Mismatch
 * UNSIGNED                     body as is
 * STREAMING_SIGNED             aws-chunked decoding, chunk signatures         -> SignatureDoesNotMatch
 * STREAMING_SIGNED_TRAILER     ... and a signed trailer checksum              -> BadDigest
 * STREAMING_UNSIGNED_TRAILER   aws-chunked decoding, trailer checksum         -> BadDigest
 * any mode, x-amz-checksum-*   that checksum over the decoded bytes           -> BadDigest
 * </pre>
 *
 * <p>Header problems (no x-amz-decoded-content-length, an unsupported x-amz-trailer) are thrown
 * here, before a byte is read. Body problems are thrown from {@code read}; the last ones only when
 * the stream is read to its end, so the caller must read to -1 before it keeps the object, and
 * must discard what it wrote when anything is thrown. The storage engine should also drop
 * {@code aws-chunked} from the Content-Encoding it stores, as S3 does.
 */
public final class PayloadDecoder {
    static final String DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";
    static final String TRAILER = "x-amz-trailer";

    private final int maxChunkSize;

    public PayloadDecoder(S3AuthSettings settings) {
        this.maxChunkSize = requireNonNull(settings, "settings is null").maxChunkSize();
    }

    /**
     * @param verified the result of {@link SigV4Verifier#verify} for {@code request}
     * @param request the request whose body this is
     * @param body the body after HTTP transfer decoding (the servlet input stream)
     */
    public InputStream open(VerifiedRequest verified, SignedRequest request, InputStream body) {
        requireNonNull(verified, "verified is null");
        requireNonNull(request, "request is null");
        requireNonNull(body, "body is null");
        PayloadMode mode = verified.payloadMode();
        ChecksumAlgorithm trailerChecksum = trailerChecksum(mode, request);
        InputStream decoded = switch (mode) {
            case SIGNED -> new DigestCheckingInputStream(body, ChecksumAlgorithm.SHA256,
                    HexFormat.of().parseHex(verified.payloadSha256().orElseThrow()),
                    () -> new S3AuthException(S3AuthErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH,
                            "The provided 'x-amz-content-sha256' header does not match what was computed.",
                            Map.of("ClientComputedContentSHA256", verified.payloadSha256().orElseThrow())));
            case UNSIGNED -> body;
            case STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER -> new AwsChunkedInputStream(
                    body, mode, verified.signing(), decodedContentLength(request), trailerChecksum, maxChunkSize);
        };
        return withHeaderChecksum(request, decoded);
    }

    private static long decodedContentLength(SignedRequest request) {
        String value = request.firstHeader(DECODED_CONTENT_LENGTH).orElseThrow(() -> new S3AuthException(
                S3AuthErrorCode.MISSING_CONTENT_LENGTH, "An aws-chunked upload must carry " + DECODED_CONTENT_LENGTH + "."));
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) {
                return length;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw new S3AuthException(S3AuthErrorCode.INVALID_ARGUMENT, DECODED_CONTENT_LENGTH + " is not a length.",
                Map.of("ArgumentName", DECODED_CONTENT_LENGTH, "ArgumentValue", value));
    }

    /** The checksum named by x-amz-trailer, which the trailer modes require and the others forbid. */
    private static ChecksumAlgorithm trailerChecksum(PayloadMode mode, SignedRequest request) {
        Optional<String> declared = request.firstHeader(TRAILER).map(String::strip);
        if (!mode.hasTrailer()) {
            if (declared.isPresent()) {
                throw new S3AuthException(S3AuthErrorCode.INVALID_REQUEST, TRAILER + " was sent, but x-amz-content-sha256 "
                        + "declares no trailer.");
            }
            return null;
        }
        String name = declared.orElseThrow(() -> new S3AuthException(S3AuthErrorCode.MISSING_SECURITY_HEADER,
                "Your request is missing a required header: " + TRAILER + "."));
        return ChecksumAlgorithm.fromHeaderName(name).orElseThrow(() -> new S3AuthException(
                S3AuthErrorCode.INVALID_REQUEST, "The value specified in the " + TRAILER + " header is not supported",
                Map.of("ArgumentName", TRAILER, "ArgumentValue", name)));
    }

    /** At most one x-amz-checksum-* header, checked over the decoded bytes. */
    private static InputStream withHeaderChecksum(SignedRequest request, InputStream decoded) {
        List<ChecksumAlgorithm> sent = request.headers().keySet().stream()
                .map(ChecksumAlgorithm::fromHeaderName)
                .flatMap(Optional::stream)
                .toList();
        if (sent.isEmpty()) {
            return decoded;
        }
        if (sent.size() > 1) {
            throw new S3AuthException(S3AuthErrorCode.INVALID_REQUEST, "Expecting a single x-amz-checksum- header."
                    + " Multiple checksum Types are not allowed.");
        }
        ChecksumAlgorithm algorithm = sent.get(0);
        byte[] expected = DigestCheckingInputStream.decodeDeclared(
                algorithm, request.firstHeader(algorithm.headerName()).orElse(""), algorithm.width());
        return new DigestCheckingInputStream(decoded, algorithm, expected, () -> DigestCheckingInputStream.badDigest(algorithm));
    }
}
