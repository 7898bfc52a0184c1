package io.gpucloud.scheduler.resourceclass;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.provider.ProviderFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ResourceClassApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    private List<String> names() {
        List<String> names = new ArrayList<>();
        placement.get("/resource_classes", "1.7").body().path("resource_classes")
                .forEach(rc -> names.add(rc.path("name").asString()));
        return names;
    }

    @Test
    void theStandardClassesAreListedWithSelfLinks() {
        Response listed = placement.get("/resource_classes", "1.2");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(names()).contains("VCPU", "MEMORY_MB", "PGPU", "VGPU");
        assertThat(placement.get("/resource_classes/PGPU", "1.2").body().path("links").get(0).path("href").asString())
                .isEqualTo("/resource_classes/PGPU");
    }

    @Test
    void resourceClassesDoNotExistBeforeMicroversion1_2() {
        assertThat(placement.get("/resource_classes", "1.1").status()).isEqualTo(404);
        assertThat(placement.call("POST", "/resource_classes", "1.1", "{\"name\": \"CUSTOM_X\"}").status())
                .isEqualTo(404);
    }

    @Test
    void aCustomClassIsCreatedOnceAndCanBeUsedInInventories() {
        String name = ProviderFixtures.uniqueCustom("FPGA");
        Response created = placement.call("POST", "/resource_classes", "1.2", "{\"name\": \"%s\"}".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/resource_classes/" + name);
        assertThat(placement.get("/resource_classes/" + name, "1.2").body().path("name").asString()).isEqualTo(name);

        assertThat(placement.call("POST", "/resource_classes", "1.2", "{\"name\": \"%s\"}".formatted(name)).status())
                .isEqualTo(409);
        UUID provider = new ProviderFixtures(placement, jdbc).provider(ProviderFixtures.unique("fpga-host"));
        new ProviderFixtures(placement, jdbc).inventories(provider, "{\"%s\": {\"total\": 2}}".formatted(name));
    }

    @ParameterizedTest(name = "\"{0}\" is not a custom class name")
    @ValueSource(strings = {"FPGA_BIG", "CUSTOM_", "CUSTOM_lower", "CUSTOM_WITH-DASH", "VCPU"})
    void onlyCustomNamesCanBeCreated(String name) {
        assertThat(placement.call("POST", "/resource_classes", "1.2", "{\"name\": \"%s\"}".formatted(name)).status())
                .isEqualTo(400);
        assertThat(placement.call("PUT", "/resource_classes/" + name, "1.7", null).status()).isEqualTo(400);
        if (!name.equals("VCPU")) {
            assertThat(names()).doesNotContain(name);
        }
    }

    @Test
    void fromMicroversion1_7PutCreatesTheClassIfAbsent() {
        String name = ProviderFixtures.uniqueCustom("NPU");
        Response created = placement.call("PUT", "/resource_classes/" + name, "1.7", null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/resource_classes/" + name);
        assertThat(placement.call("PUT", "/resource_classes/" + name, "1.7", null).status()).isEqualTo(204);
        assertThat(names()).contains(name);
    }

    @Test
    void beforeMicroversion1_7PutRenamesACustomClassButNeverAStandardOne() {
        String name = ProviderFixtures.uniqueCustom("OLD");
        String renamed = ProviderFixtures.uniqueCustom("NEW");
        placement.call("POST", "/resource_classes", "1.2", "{\"name\": \"%s\"}".formatted(name));

        Response updated = placement.call("PUT", "/resource_classes/" + name, "1.6", "{\"name\": \"%s\"}".formatted(renamed));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("name").asString()).isEqualTo(renamed);
        assertThat(names()).contains(renamed).doesNotContain(name);

        Response standard = placement.call("PUT", "/resource_classes/VCPU", "1.6",
                "{\"name\": \"%s\"}".formatted(ProviderFixtures.uniqueCustom("CPU")));
        assertThat(standard.status()).isEqualTo(400);
        assertThat(names()).contains("VCPU");
    }

    @Test
    void deletingAClassRemovesItUnlessItIsStandardOrInUse() {
        String unused = ProviderFixtures.uniqueCustom("UNUSED");
        String used = ProviderFixtures.uniqueCustom("USED");
        placement.call("PUT", "/resource_classes/" + unused, "1.7", null);
        placement.call("PUT", "/resource_classes/" + used, "1.7", null);
        ProviderFixtures fixtures = new ProviderFixtures(placement, jdbc);
        fixtures.inventories(fixtures.provider(ProviderFixtures.unique("user")), "{\"%s\": {\"total\": 1}}".formatted(used));

        assertThat(placement.call("DELETE", "/resource_classes/" + unused, "1.7", null).status()).isEqualTo(204);
        assertThat(placement.get("/resource_classes/" + unused, "1.7").status()).isEqualTo(404);
        assertThat(placement.call("DELETE", "/resource_classes/" + used, "1.7", null).status()).isEqualTo(409);
        assertThat(placement.call("DELETE", "/resource_classes/VCPU", "1.7", null).status()).isEqualTo(400);
        assertThat(placement.call("DELETE", "/resource_classes/" + unused, "1.7", null).status()).isEqualTo(404);
        assertThat(names()).contains(used, "VCPU");
    }

    @Test
    void aMemberTokenCannotManageResourceClasses() {
        String name = ProviderFixtures.uniqueCustom("SNEAKY");
        var member = placement.as(TOKENS.member("p"));
        assertThat(member.get("/resource_classes", "1.7").status()).isEqualTo(403);
        assertThat(member.call("PUT", "/resource_classes/" + name, "1.7", null).status()).isEqualTo(403);
        assertThat(names()).doesNotContain(name);
    }
}
