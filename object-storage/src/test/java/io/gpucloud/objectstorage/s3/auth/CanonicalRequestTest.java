package io.gpucloud.objectstorage.s3.auth;

import static io.gpucloud.objectstorage.s3.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The S3 specifics of the canonical form: path and query encoding, header values. */
class CanonicalRequestTest {
    @ParameterizedTest(name = "path {0} is signed as {1}")
    @CsvSource(delimiter = '|', value = {
        "''                          | /",
        "/                           | /",
        "/test$file.text             | /test%24file.text",
        "/test%24file.text           | /test%24file.text",
        "/a b/c%20d                  | /a%20b/c%20d",
        "/key+plus                   | /key%2Bplus",
        "/key%2bplus                 | /key%2Bplus",
        "/dir/../x//y/./z            | /dir/../x//y/./z",
        "/a%2Fb                      | /a%2Fb",
        "/unreserved-_.~AZaz09       | /unreserved-_.~AZaz09",
        "/reserved!*'();:@&=$,?#[]   | /reserved%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%3F%23%5B%5D",
        "/ü/%C3%BC                   | /%C3%BC/%C3%BC",
        "/100%                       | /100%25",
        "/%zz                        | /%25zz",
        "/%FF%fe                     | /%FF%FE",
    })
    void pathsAreDecodedOnceAndEncodedOnceWithoutNormalising(String rawPath, String canonical) {
        assertThat(UriEncoding.canonicalPath(rawPath)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "query {0} is signed as {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                  | ''",
        "uploads                             | uploads=",
        "b=2&a=1                             | a=1&b=2",
        "a=2&a=1&a=10                        | a=1&a=10&a=2",
        "prefix=a b&x=y z                    | prefix=a%20b&x=y%20z",
        "prefix=a+b                          | prefix=a%20b",
        "prefix=a%2Bb                        | prefix=a%2Bb",
        "prefix=photos%2F2026%20%2F%C3%BC%26%3D | prefix=photos%2F2026%20%2F%C3%BC%26%3D",
        "prefix=photos/2026                  | prefix=photos%2F2026",
        "k=v=w                               | k=v%3Dw",
        "a=1&&b=                             | a=1&b=",
        "Zeta=1&alpha=2&_u=3                 | Zeta=1&_u=3&alpha=2",
        "versionId=3%2Fx&versions            | versionId=3%2Fx&versions=",
    })
    void queryParametersAreEncodedAndSortedByNameThenValue(String rawQuery, String canonical) {
        SignedRequest signed = request("GET", "/?" + rawQuery, "Host: h");

        assertThat(CanonicalRequest.of(signed, List.of("host"), "UNSIGNED-PAYLOAD", false).query()).isEqualTo(canonical);
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndRepeatsJoinedByCommas() {
        SignedRequest signed = request("GET", "/",
                "Host:   h  ",
                "My-Header1:   a   b   c  ",
                "My-Header2: \"a   b   c\"",
                "X-Amz-Meta-Repeated: one",
                "x-amz-meta-repeated:  two  ",
                "Empty-Header:");

        CanonicalRequest canonical = CanonicalRequest.of(signed,
                List.of("x-amz-meta-repeated", "my-header2", "host", "my-header1", "empty-header"), "UNSIGNED-PAYLOAD", false);

        assertThat(canonical.headers()).isEqualTo("""
                empty-header:
                host:h
                my-header1:a b c
                my-header2:"a b c"
                x-amz-meta-repeated:one,two
                """);
        assertThat(canonical.signedHeaders()).isEqualTo("empty-header;host;my-header1;my-header2;x-amz-meta-repeated");
    }

    @Test
    void aPresignedCanonicalQueryLeavesOutOnlyTheSignature() {
        SignedRequest signed = request("GET", "/k?X-Amz-Signature=abc&x-amz-signature=keep&b=1", "Host: h");

        assertThat(CanonicalRequest.of(signed, List.of("host"), "UNSIGNED-PAYLOAD", true).query()).isEqualTo("b=1&x-amz-signature=keep");
    }
}
