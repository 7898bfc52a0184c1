package io.gpucloud.scheduler.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /resource_providers} filters. Each test builds its own providers inside a fresh tree (or with a
 * fresh trait or aggregate) and filters by that too, so providers from other tests never match.
 */
class ResourceProviderFilterTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    ProviderFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new ProviderFixtures(placement, jdbc);
    }

    private List<UUID> list(String query, String version) {
        Response listed = placement.get("/resource_providers?" + query, version);
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        List<UUID> uuids = new ArrayList<>();
        listed.body().path("resource_providers").forEach(p -> uuids.add(UUID.fromString(p.path("uuid").asString())));
        return uuids;
    }

    @Test
    void nameAndUuidFindOneProvider() {
        String name = ProviderFixtures.unique("findme");
        UUID uuid = fixtures.provider(name);

        assertThat(list("name=" + name, "1.0")).containsExactly(uuid);
        assertThat(list("uuid=" + uuid, "1.0")).containsExactly(uuid);
        assertThat(list("name=" + name + "&uuid=" + UUID.randomUUID(), "1.0")).isEmpty();
    }

    @Test
    void inTreeListsTheWholeTreeOfAnyOfItsProviders() {
        UUID root = fixtures.provider(ProviderFixtures.unique("root"));
        UUID numa = fixtures.provider(ProviderFixtures.unique("numa"), root);
        UUID gpu = fixtures.provider(ProviderFixtures.unique("gpu"), numa);
        fixtures.provider(ProviderFixtures.unique("elsewhere"));

        assertThat(list("in_tree=" + gpu, "1.14")).containsExactly(root, numa, gpu);
        assertThat(list("in_tree=" + UUID.randomUUID(), "1.14")).isEmpty();
    }

    @Test
    void resourcesKeepsProvidersWithEnoughFreeCapacityWithinTheUnitLimits() {
        UUID root = fixtures.provider(ProviderFixtures.unique("cluster"));
        UUID roomy = fixtures.provider(ProviderFixtures.unique("roomy"), root);
        UUID full = fixtures.provider(ProviderFixtures.unique("full"), root);
        UUID reserved = fixtures.provider(ProviderFixtures.unique("reserved"), root);
        UUID smallUnits = fixtures.provider(ProviderFixtures.unique("small-units"), root);
        UUID overcommitted = fixtures.provider(ProviderFixtures.unique("overcommitted"), root);
        fixtures.inventories(roomy, "{\"PGPU\": {\"total\": 8}, \"VCPU\": {\"total\": 64}}");
        fixtures.inventories(full, "{\"PGPU\": {\"total\": 8}, \"VCPU\": {\"total\": 64}}");
        fixtures.allocate(full, "PGPU", 7);
        fixtures.inventories(reserved, "{\"PGPU\": {\"total\": 8, \"reserved\": 7}, \"VCPU\": {\"total\": 64}}");
        fixtures.inventories(smallUnits, "{\"PGPU\": {\"total\": 8, \"max_unit\": 1}, \"VCPU\": {\"total\": 64}}");
        fixtures.inventories(overcommitted, "{\"PGPU\": {\"total\": 1, \"allocation_ratio\": 4.0}, \"VCPU\": {\"total\": 64}}");

        assertThat(list("in_tree=" + root + "&resources=PGPU:2,VCPU:4", "1.14"))
                .containsExactlyInAnyOrder(roomy, overcommitted);
        assertThat(list("in_tree=" + root + "&resources=PGPU:1", "1.14"))
                .containsExactlyInAnyOrder(roomy, full, reserved, smallUnits, overcommitted);
        assertThat(list("in_tree=" + root + "&resources=VCPU:65", "1.14")).isEmpty();
    }

    @Test
    void memberOfMatchesAnyAggregateInOneParameterAndEveryParameterFrom1_24() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID inA = fixtures.provider(ProviderFixtures.unique("in-a"));
        UUID inB = fixtures.provider(ProviderFixtures.unique("in-b"));
        UUID inBoth = fixtures.provider(ProviderFixtures.unique("in-both"));
        fixtures.aggregates(inA, a);
        fixtures.aggregates(inB, b);
        fixtures.aggregates(inBoth, a, b);

        assertThat(list("member_of=" + a, "1.3")).containsExactly(inA, inBoth);
        assertThat(list("member_of=in:" + a + "," + b, "1.3")).containsExactly(inA, inB, inBoth);
        assertThat(list("member_of=" + a + "&member_of=" + b, "1.24")).containsExactly(inBoth);
        assertThat(placement.get("/resource_providers?member_of=" + a + "&member_of=" + b, "1.23").status())
                .isEqualTo(400);
    }

    @Test
    void forbiddenAggregatesNeedMicroversion1_32() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID inA = fixtures.provider(ProviderFixtures.unique("in-a"));
        UUID inB = fixtures.provider(ProviderFixtures.unique("in-b"));
        fixtures.aggregates(inA, a);
        fixtures.aggregates(inB, b);

        assertThat(list("member_of=in:" + a + "," + b + "&member_of=!" + a, "1.32")).containsExactly(inB);
        assertThat(list("member_of=in:" + a + "," + b + "&member_of=!in:" + a + "," + b, "1.32")).isEmpty();
        assertThat(placement.get("/resource_providers?member_of=!" + a, "1.31").status()).isEqualTo(400);
    }

    @Test
    void requiredTraitsForbiddenTraitsFrom1_22AndAnyOfFrom1_39() {
        String gpu = ProviderFixtures.uniqueCustom("GPU");
        String a100 = ProviderFixtures.uniqueCustom("A100");
        String h100 = ProviderFixtures.uniqueCustom("H100");
        UUID withA100 = fixtures.provider(ProviderFixtures.unique("a100"));
        UUID withH100 = fixtures.provider(ProviderFixtures.unique("h100"));
        UUID plain = fixtures.provider(ProviderFixtures.unique("plain"));
        fixtures.traits(withA100, gpu, a100);
        fixtures.traits(withH100, gpu, h100);
        fixtures.traits(plain, gpu);

        assertThat(list("required=" + gpu, "1.18")).containsExactly(withA100, withH100, plain);
        assertThat(list("required=" + gpu + "," + a100, "1.18")).containsExactly(withA100);
        assertThat(list("required=" + gpu + ",!" + a100, "1.22")).containsExactly(withH100, plain);
        assertThat(list("required=in:" + a100 + "," + h100, "1.39")).containsExactly(withA100, withH100);
        assertThat(list("required=in:" + a100 + "," + h100 + "&required=!" + a100, "1.39")).containsExactly(withH100);

        assertThat(placement.get("/resource_providers?required=!" + a100, "1.21").status()).isEqualTo(400);
        assertThat(placement.get("/resource_providers?required=in:" + a100 + "," + h100, "1.38").status())
                .isEqualTo(400);
    }

    @ParameterizedTest(name = "at {0}, ?{1} is a 400 ({2})")
    @CsvSource(delimiter = '|', value = {
            "1.2  | member_of=4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00  | placement.query.unknown_key",
            "1.3  | resources=VCPU:1                                | placement.query.unknown_key",
            "1.13 | in_tree=4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00    | placement.query.unknown_key",
            "1.17 | required=HW_CPU_X86_AVX2                        | placement.query.unknown_key",
            "1.39 | colour=blue                                     | placement.query.unknown_key",
            "1.39 | name=a&name=b                                   | placement.query.duplicate_key",
            "1.39 | uuid=not-a-uuid                                 | placement.query.bad_value",
            "1.39 | in_tree=not-a-uuid                              | placement.query.bad_value",
            "1.39 | member_of=not-a-uuid                            | placement.query.bad_value",
            "1.39 | member_of=4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a00,4a8c4d34-4cd7-4b7e-9f3e-6b1f1d1f0a01 | placement.query.bad_value",
            "1.39 | resources=VCPU                                  | placement.query.bad_value",
            "1.39 | resources=VCPU:0                                | placement.query.bad_value",
            "1.39 | resources=VCPU:-1                               | placement.query.bad_value",
            "1.39 | resources=VCPU:two                              | placement.query.bad_value",
            "1.39 | resources=CUSTOM_NO_SUCH_CLASS:1                | placement.query.bad_value",
            "1.39 | required=CUSTOM_NO_SUCH_TRAIT                    | placement.query.bad_value",
            "1.39 | required=HW_CPU_X86_AVX2,,HW_CPU_X86_AVX         | placement.query.bad_value",
            "1.39 | required=in:HW_CPU_X86_AVX2,!HW_CPU_X86_AVX      | placement.query.bad_value",
            "1.38 | required=HW_CPU_X86_AVX&required=HW_CPU_X86_AVX2 | placement.query.duplicate_key"})
    void badQueryStringsAreA400(String version, String query, String code) {
        Response refused = placement.get("/resource_providers?" + query, version);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(code);
    }
}
