package io.gpucloud.objectstorage.s3.auth;

import java.util.Map;

/**
 * The signature chain of an aws-chunked body. Each chunk's signature covers the previous
 * signature (the seed signature for the first chunk), so chunks cannot be dropped, reordered or
 * moved to another upload:
 *
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD            AWS4-HMAC-SHA256-TRAILER
 * 20130524T000000Z                    20130524T000000Z
 * 20130524/us-east-1/s3/aws4_request  20130524/us-east-1/s3/aws4_request
 * &lt;previous signature&gt;               &lt;signature of the final, empty chunk&gt;
 * &lt;sha256 of ""&gt;                      &lt;sha256 of the trailer lines, each "name:value\n"&gt;
 * &lt;sha256 of the chunk data&gt;
 * </pre>
 */
final class ChunkSignatureChain {
    private final SigningContext context;
    private String previousSignature;

    ChunkSignatureChain(SigningContext context) {
        this.context = context;
        this.previousSignature = context.seedSignature();
    }

    /** Checks the signature of one chunk and moves the chain on to it. */
    void verifyChunk(byte[] data, int length, String providedSignature) {
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + context.amzDate() + "\n" + context.scope().value() + "\n"
                + previousSignature + "\n" + SigV4Crypto.EMPTY_SHA256 + "\n" + SigV4Crypto.sha256Hex(data, 0, length);
        previousSignature = verify(stringToSign, providedSignature);
    }

    /** Checks the {@code x-amz-trailer-signature} over the canonical trailer lines. */
    void verifyTrailer(String canonicalTrailer, String providedSignature) {
        String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + context.amzDate() + "\n" + context.scope().value() + "\n"
                + previousSignature + "\n" + SigV4Crypto.sha256Hex(canonicalTrailer);
        previousSignature = verify(stringToSign, providedSignature);
    }

    private String verify(String stringToSign, String providedSignature) {
        String expected = SigV4Crypto.sign(context.key(), stringToSign);
        if (!SigV4Crypto.signaturesMatch(expected, providedSignature)) {
            throw new S3AuthException(S3AuthErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "The request signature we calculated does not match the signature you provided.",
                    Map.of(S3AuthException.STRING_TO_SIGN, stringToSign, "SignatureProvided", providedSignature));
        }
        return expected;
    }
}
