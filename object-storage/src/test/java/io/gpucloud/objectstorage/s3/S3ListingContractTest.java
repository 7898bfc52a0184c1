package io.gpucloud.objectstorage.s3;

import static io.gpucloud.objectstorage.s3.S3TestClient.path;
import static io.gpucloud.objectstorage.s3.S3TestClient.query;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListObjectsV2 and ListObjects (V1): prefixes, delimiters, pages, markers, owners, URL encoding. */
class S3ListingContractTest extends S3TestBase {

    private static final List<String> KEYS = List.of("a.txt", "docs/guide.md", "docs/img/logo.png", "docs/intro.md",
            "photos/2024/jan.jpg", "photos/2024/feb.jpg", "photos/2025/mar.jpg", "z file+plus.txt");

    private String bucket;

    @BeforeEach
    void objects() {
        bucket = createBucket();
        for (String key : KEYS) {
            assertThat(s3.put(path(bucket, key), key.getBytes(UTF_8)).status()).isEqualTo(200);
        }
    }

    @Test
    void v2ListsEverythingInKeyOrderWithSizesAndEtags() {
        S3TestClient.Response all = list("list-type", "2");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.elements("Key")).containsExactly("a.txt", "docs/guide.md", "docs/img/logo.png", "docs/intro.md",
                "photos/2024/feb.jpg", "photos/2024/jan.jpg", "photos/2025/mar.jpg", "z file+plus.txt");
        assertThat(all.element("KeyCount")).isEqualTo("8");
        assertThat(all.element("IsTruncated")).isEqualTo("false");
        assertThat(all.element("Size")).isEqualTo("5");
        assertThat(all.element("ETag")).startsWith("&quot;");
        assertThat(all.text()).doesNotContain("<Owner>");
        assertThat(list("list-type", "2", "fetch-owner", "true").text()).contains("<Owner><ID>" + project + "</ID>");
    }

    @Test
    void v2GroupsByDelimiterUnderAPrefix() {
        S3TestClient.Response top = list("list-type", "2", "delimiter", "/");
        assertThat(top.elements("Key")).containsExactly("a.txt", "z file+plus.txt");
        assertThat(top.elements("Prefix")).contains("docs/", "photos/");

        S3TestClient.Response photos = list("list-type", "2", "prefix", "photos/", "delimiter", "/");
        assertThat(photos.elements("Key")).isEmpty();
        assertThat(photos.text()).contains("<CommonPrefixes><Prefix>photos/2024/</Prefix></CommonPrefixes>")
                .contains("<CommonPrefixes><Prefix>photos/2025/</Prefix></CommonPrefixes>");
        assertThat(list("list-type", "2", "prefix", "docs/i").elements("Key")).containsExactly("docs/img/logo.png", "docs/intro.md");
    }

    @Test
    void v2PagesWithContinuationTokensAndStartAfter() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            S3TestClient.Response page = token == null
                    ? list("list-type", "2", "max-keys", "3")
                    : list("list-type", "2", "max-keys", "3", "continuation-token", token);
            seen.addAll(page.elements("Key"));
            token = page.element("NextContinuationToken");
            assertThat(page.element("IsTruncated")).isEqualTo(String.valueOf(token != null));
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();

        List<String> grouped = new ArrayList<>();
        token = null;
        do {
            S3TestClient.Response page = token == null
                    ? list("list-type", "2", "max-keys", "1", "delimiter", "/")
                    : list("list-type", "2", "max-keys", "1", "delimiter", "/", "continuation-token", token);
            grouped.addAll(page.elements("Key"));
            grouped.addAll(page.elements("Prefix").stream().filter(p -> !p.isEmpty()).toList());
            token = page.element("NextContinuationToken");
        } while (token != null);
        assertThat(grouped).containsExactly("a.txt", "docs/", "photos/", "z file+plus.txt");

        assertThat(list("list-type", "2", "start-after", "docs/intro.md").elements("Key").get(0)).isEqualTo("photos/2024/feb.jpg");
        assertThat(list("list-type", "2", "continuation-token", "!!!").code()).isEqualTo("InvalidArgument");
        assertThat(list("list-type", "2", "max-keys", "-1").code()).isEqualTo("InvalidArgument");
        assertThat(list("list-type", "2", "max-keys", "0").elements("Key")).isEmpty();
    }

    @Test
    void urlEncodingTypeEncodesKeysAndPrefixes() {
        S3TestClient.Response encoded = list("list-type", "2", "encoding-type", "url", "prefix", "z ");
        assertThat(encoded.element("EncodingType")).isEqualTo("url");
        assertThat(encoded.elements("Key")).containsExactly("z%20file%2Bplus.txt");
        assertThat(encoded.element("Prefix")).isEqualTo("z%20");
        assertThat(list("list-type", "2", "encoding-type", "base64").code()).isEqualTo("InvalidArgument");
    }

    @Test
    void v1PagesWithMarkersAndNextMarkerWithADelimiter() {
        S3TestClient.Response first = list("max-keys", "2");
        assertThat(first.elements("Key")).containsExactly("a.txt", "docs/guide.md");
        assertThat(first.element("IsTruncated")).isEqualTo("true");
        assertThat(first.element("NextMarker")).as("only with a delimiter").isNull();
        assertThat(first.text()).contains("<Owner><ID>" + project + "</ID>");
        S3TestClient.Response second = list("max-keys", "2", "marker", "docs/guide.md");
        assertThat(second.elements("Key")).containsExactly("docs/img/logo.png", "docs/intro.md");
        assertThat(second.element("Marker")).isEqualTo("docs/guide.md");

        S3TestClient.Response grouped = list("max-keys", "2", "delimiter", "/");
        assertThat(grouped.elements("Key")).containsExactly("a.txt");
        assertThat(grouped.element("NextMarker")).isEqualTo("docs/");
        S3TestClient.Response rest = list("delimiter", "/", "marker", "docs/");
        assertThat(rest.elements("Key")).containsExactly("z file+plus.txt");
        assertThat(rest.text()).contains("<Prefix>photos/</Prefix>").doesNotContain("<Prefix>docs/</Prefix>");
        assertThat(rest.element("IsTruncated")).isEqualTo("false");
    }

    private S3TestClient.Response list(String... parameters) {
        return s3.send("GET", "/" + bucket, query(parameters), null);
    }
}
