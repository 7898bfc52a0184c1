package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_AMZ_DATE;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_SCOPE;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.EXAMPLE_TIME;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.bytes;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.exampleVerifier;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.readAll;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.repeat;
import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples AWS publishes for S3 SigV4 ("Examples: Signature Calculations in AWS
 * Signature Version 4", the presigned-URL example, and the chunked-upload examples with and
 * without trailer), checked value by value: canonical request, string to sign, signature.
 * Credentials AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, 2013-05-24, us-east-1.
 */
class AwsDocumentedExamplesTest {
    private static final String EMPTY = SigV4Crypto.EMPTY_SHA256;

    @Test
    void getObjectWithRangeMatchesTheDocumentedCanonicalRequestAndSignature() {
        SignedRequest request = request("GET", "/test.txt",
                "Host: examplebucket.s3.amazonaws.com",
                "Range: bytes=0-9",
                "x-amz-content-sha256: " + EMPTY,
                "x-amz-date: 20130524T000000Z",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        CanonicalRequest canonical = CanonicalRequest.of(request, List.of("host", "range", "x-amz-content-sha256", "x-amz-date"), EMPTY, false);

        assertThat(canonical.text()).isEqualTo("""
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(canonical.stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE)).isEqualTo("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""");

        VerifiedRequest verified = exampleVerifier(EXAMPLE_TIME).verify(request);

        assertThat(verified.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(verified.projectId()).isEqualTo(TestRequests.PROJECT);
        assertThat(verified.userId()).isEqualTo(TestRequests.USER);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.SIGNED);
        assertThat(verified.payloadSha256()).contains(EMPTY);
        assertThat(verified.seedSignature()).isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void putObjectEncodesTheDollarSignAndSignsTheDateHeaderAndThePayloadHash() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        SignedRequest request = request("PUT", "/test$file.text",
                "Host: examplebucket.s3.amazonaws.com",
                "Date: Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date: 20130524T000000Z",
                "x-amz-storage-class: REDUCED_REDUNDANCY",
                "x-amz-content-sha256: " + payloadHash,
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
        CanonicalRequest canonical = CanonicalRequest.of(request,
                List.of("date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class"), payloadHash, false);

        assertThat(canonical.text()).isEqualTo("""
                PUT
                /test%24file.text

                date:Fri, 24 May 2013 00:00:00 GMT
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                x-amz-date:20130524T000000Z
                x-amz-storage-class:REDUCED_REDUNDANCY

                date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072""");
        assertThat(canonical.stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE))
                .endsWith("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");

        VerifiedRequest verified = exampleVerifier(EXAMPLE_TIME).verify(request);
        byte[] body = readAll(new PayloadDecoder(S3AuthSettings.forRegion("us-east-1"))
                .open(verified, request, bytes("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8))));

        assertThat(verified.payloadSha256()).contains(payloadHash);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("Welcome to Amazon S3.");
    }

    @Test
    void getBucketLifecycleSignsAValuelessSubresourceAsNameEquals() {
        SignedRequest request = request("GET", "/?lifecycle",
                "Host: examplebucket.s3.amazonaws.com",
                "x-amz-date: 20130524T000000Z",
                "x-amz-content-sha256: " + EMPTY,
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
        CanonicalRequest canonical = CanonicalRequest.of(request, List.of("host", "x-amz-content-sha256", "x-amz-date"), EMPTY, false);

        assertThat(canonical.text()).startsWith("GET\n/\nlifecycle=\nhost:");
        assertThat(canonical.stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE))
                .endsWith("\n9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca");
        assertThat(exampleVerifier(EXAMPLE_TIME).verify(request).accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void listObjectsSignsTheQueryParametersSortedByName() {
        SignedRequest request = request("GET", "/?prefix=J&max-keys=2",
                "Host: examplebucket.s3.amazonaws.com",
                "x-amz-date: 20130524T000000Z",
                "x-amz-content-sha256: " + EMPTY,
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                        + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
        CanonicalRequest canonical = CanonicalRequest.of(request, List.of("host", "x-amz-content-sha256", "x-amz-date"), EMPTY, false);

        assertThat(canonical.query()).isEqualTo("max-keys=2&prefix=J");
        assertThat(canonical.stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE))
                .endsWith("\ndf57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
        assertThat(exampleVerifier(EXAMPLE_TIME).verify(request).accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void presignedGetObjectUrlVerifiesWithAnUnsignedPayloadAndWithoutItsSignatureParameter() {
        SignedRequest request = request("GET", "/test.txt"
                        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                "Host: examplebucket.s3.amazonaws.com");
        CanonicalRequest canonical = CanonicalRequest.of(request, List.of("host"), "UNSIGNED-PAYLOAD", true);

        assertThat(canonical.text()).isEqualTo("""
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD""");
        assertThat(canonical.stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE))
                .endsWith("\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");

        VerifiedRequest verified = exampleVerifier(EXAMPLE_TIME.plusSeconds(86_000)).verify(request);

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.UNSIGNED);
        assertThat(verified.payloadSha256()).isEmpty();
    }

    @Test
    void chunkedUploadOf66560BytesVerifiesTheSeedAndEveryChunkSignature() {
        SignedRequest request = request("PUT", "/examplebucket/chunkObject.txt",
                "Host: s3.amazonaws.com",
                "x-amz-date: 20130524T000000Z",
                "x-amz-storage-class: REDUCED_REDUNDANCY",
                "x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "Content-Encoding: aws-chunked",
                "x-amz-decoded-content-length: 66560",
                "Content-Length: 66824",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class,"
                        + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
        List<String> signedHeaders = List.of("content-encoding", "content-length", "host", "x-amz-content-sha256",
                "x-amz-date", "x-amz-decoded-content-length", "x-amz-storage-class");
        assertThat(CanonicalRequest.of(request, signedHeaders, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", false)
                .stringToSign(EXAMPLE_AMZ_DATE, EXAMPLE_SCOPE))
                .endsWith("\ncee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455");
        byte[] body = documentedChunkedBody(List.of(
                "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"), "\r\n");

        VerifiedRequest verified = exampleVerifier(EXAMPLE_TIME).verify(request);
        byte[] decoded = readAll(new PayloadDecoder(S3AuthSettings.forRegion("us-east-1")).open(verified, request, bytes(body)));

        assertThat(body).hasSize(66824);
        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(decoded).isEqualTo(repeat('a', 66560));
    }

    @Test
    void chunkedUploadWithTrailerVerifiesChunkSignaturesTheTrailerSignatureAndTheCrc32c() {
        SignedRequest request = request("PUT", "/examplebucket/chunkObject.txt",
                "Host: s3.amazonaws.com",
                "x-amz-date: 20130524T000000Z",
                "x-amz-storage-class: REDUCED_REDUNDANCY",
                "x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "Content-Encoding: aws-chunked",
                "x-amz-decoded-content-length: 66560",
                "x-amz-trailer: x-amz-checksum-crc32c",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,"
                        + "Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e");
        byte[] body = documentedChunkedBody(List.of(
                        "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                        "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                        "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"),
                "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                        + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n");

        VerifiedRequest verified = exampleVerifier(EXAMPLE_TIME).verify(request);
        byte[] decoded = readAll(new PayloadDecoder(S3AuthSettings.forRegion("us-east-1")).open(verified, request, bytes(body)));

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED_TRAILER);
        assertThat(decoded).isEqualTo(repeat('a', 66560));
    }

    /** 64 KiB and 1 KiB of 'a' and the final empty chunk, then {@code afterFinalChunk}. */
    static byte[] documentedChunkedBody(List<String> signatures, String afterFinalChunk) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("10000;chunk-signature=" + signatures.get(0) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(repeat('a', 65536));
        body.writeBytes(("\r\n400;chunk-signature=" + signatures.get(1) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(repeat('a', 1024));
        body.writeBytes(("\r\n0;chunk-signature=" + signatures.get(2) + "\r\n" + afterFinalChunk).getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }
}
