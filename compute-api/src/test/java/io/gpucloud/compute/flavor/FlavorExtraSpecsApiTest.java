package io.gpucloud.compute.flavor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.compute.ComputeTestBase;
import io.gpucloud.compute.NovaClient;
import io.gpucloud.compute.NovaClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v2.1/flavors/{id}/os-extra_specs}: reads for everyone, checked writes for admins. */
class FlavorExtraSpecsApiTest extends ComputeTestBase {

    private String id;
    private String specs;

    @BeforeEach
    void flavor() {
        Response created = nova.call("POST", "/v2.1/flavors", null, """
                {"flavor":{"name":"%s","ram":65536,"vcpus":8,"disk":100}}""".formatted(FlavorApiTest.unique("gpu")));
        id = created.body().path("flavor").path("id").asString();
        specs = "/v2.1/flavors/" + id + "/os-extra_specs";
    }

    @Test
    void createListShowUpdateAndDelete() {
        Response created = nova.call("POST", specs, null, """
                {"extra_specs":{"resources:PGPU":"2","trait:CUSTOM_GPU_NVIDIA_A100_80GB":"required"}}""");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("extra_specs").path("resources:PGPU").asString()).isEqualTo("2");

        JsonNode listed = nova.get(specs, null).body().path("extra_specs");
        assertThat(listed.path("resources:PGPU").asString()).isEqualTo("2");
        assertThat(listed.path("trait:CUSTOM_GPU_NVIDIA_A100_80GB").asString()).isEqualTo("required");

        // Merged in, not replaced; numbers are stored as their text.
        nova.call("POST", specs, null, "{\"extra_specs\":{\"hw:numa_nodes\":1}}");
        assertThat(nova.get(specs, null).body().path("extra_specs").size()).isEqualTo(3);

        Response shown = nova.get(specs + "/resources:PGPU", null);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().path("resources:PGPU").asString()).isEqualTo("2");
        assertThat(nova.get(specs + "/no:such", null).status()).isEqualTo(404);

        Response put = nova.call("PUT", specs + "/resources:PGPU", null, "{\"resources:PGPU\":\"4\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("resources:PGPU").asString()).isEqualTo("4");
        assertThat(nova.get(specs + "/resources:PGPU", null).body().path("resources:PGPU").asString()).isEqualTo("4");

        Response deleted = nova.call("DELETE", specs + "/hw:numa_nodes", null, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.raw().body()).isEmpty();
        assertThat(nova.get(specs + "/hw:numa_nodes", null).status()).isEqualTo(404);
        assertThat(nova.call("DELETE", specs + "/hw:numa_nodes", null, null).status()).isEqualTo(404);

        // Members read extra specs of flavors they can see (Tempest checks this), but never write them.
        NovaClient member = member("p-reader");
        assertThat(member.get(specs, null).body().path("extra_specs").path("resources:PGPU").asString())
                .isEqualTo("4");
        assertThat(member.call("PUT", specs + "/resources:PGPU", null, "{\"resources:PGPU\":\"1\"}").status())
                .isEqualTo(403);
        assertThat(member.call("DELETE", specs + "/resources:PGPU", null, null).status()).isEqualTo(403);
    }

    @Test
    void specsTheSchedulerCannotReadAreRefusedAndNothingIsStored() {
        nova.call("POST", specs, null, "{\"extra_specs\":{\"hw:numa_nodes\":\"2\"}}");

        assertRefused("{\"extra_specs\":{\"resources:GPU_A100\":\"2\",\"quota:x\":\"1\"}}", "resources:GPU_A100");
        assertRefused("{\"extra_specs\":{\"resources:PGPU\":\"two\"}}", "resources:PGPU");
        assertRefused("{\"extra_specs\":{\"trait:CUSTOM_A100\":\"maybe\"}}", "trait:CUSTOM_A100");
        assertRefused("{\"extra_specs\":{\"gpu:topology\":\"ring\"}}", "gpu:topology");
        assertRefused("{\"extra_specs\":{\"hw:cpu_policy\":\"mixed\"}}", "hw:cpu_policy");
        assertRefused("{\"extra_specs\":{\"hw:numa_nodes\":\"0\"}}", "hw:numa_nodes");
        // Combinations: two numbered groups need a group policy; a trait group needs resources.
        assertRefused("{\"extra_specs\":{\"resources1:CUSTOM_X\":\"1\",\"resources2:CUSTOM_Y\":\"1\"}}",
                "group_policy");
        assertRefused("{\"extra_specs\":{\"trait1:CUSTOM_NVLINK\":\"required\"}}", "trait1");

        assertThat(nova.get(specs, null).body().path("extra_specs").propertyNames()).containsExactly("hw:numa_nodes");

        Response badPut = nova.call("PUT", specs + "/resources:PGPU", null, "{\"resources:PGPU\":\"-1\"}");
        assertThat(badPut.status()).isEqualTo(400);
        assertThat(nova.get(specs + "/resources:PGPU", null).status()).isEqualTo(404);
    }

    @Test
    void aValidCombinationIsAcceptedAndRemovingAKeyMayNotBreakIt() {
        Response created = nova.call("POST", specs, null, """
                {"extra_specs":{"resources1:CUSTOM_X":"1","resources2:CUSTOM_Y":"1","group_policy":"isolate"}}""");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);

        Response breaking = nova.call("DELETE", specs + "/group_policy", null, null);
        assertThat(breaking.status()).isEqualTo(400);
        assertThat(breaking.faultMessage()).contains("group_policy");
        assertThat(nova.call("DELETE", specs + "/resources2:CUSTOM_Y", null, null).status()).isEqualTo(200);
        assertThat(nova.call("DELETE", specs + "/group_policy", null, null).status()).isEqualTo(200);
    }

    @Test
    void malformedWritesAreBadRequests() {
        assertThat(nova.call("PUT", specs + "/a", null, "{\"b\":\"1\"}").faultMessage()).contains("mismatch");
        assertThat(nova.call("PUT", specs + "/a", null, "{\"a\":\"1\",\"b\":\"2\"}").faultMessage())
                .contains("too many");
        assertThat(nova.call("POST", specs, null, "{\"extra_specs\":{\"bad/key\":\"1\"}}").status()).isEqualTo(400);
        assertThat(nova.call("POST", specs, null, "{\"extra_specs\":{\"k\":[1]}}").status()).isEqualTo(400);
        assertThat(nova.call("POST", specs, null, "{\"specs\":{}}").status()).isEqualTo(400);
        assertThat(nova.call("POST", "/v2.1/flavors/no-such/os-extra_specs", null,
                "{\"extra_specs\":{\"a\":\"b\"}}").status()).isEqualTo(404);
    }

    private void assertRefused(String body, String named) {
        Response response = nova.call("POST", specs, null, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.body().has("badRequest")).isTrue();
        assertThat(response.faultMessage()).as(body).contains(named);
    }
}
