package io.gpucloud.scheduler.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient.Response;
import io.gpucloud.scheduler.PlacementTestBase;
import io.gpucloud.scheduler.allocation.Providers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /usages}: a project's consumption, per user, and from 1.38 per consumer type. */
class UsageApiTest extends PlacementTestBase {

    @Autowired
    JdbcClient jdbc;

    String project;
    UUID host;
    UUID gpu;

    /** In one project: an INSTANCE of user a (4 VCPU, 1 PGPU), a MIGRATION of user b (2 VCPU), an untyped one of b (1 VCPU). */
    @BeforeEach
    void aProjectWithThreeConsumers() {
        Providers providers = new Providers(jdbc);
        project = "project-" + UUID.randomUUID();
        host = providers.aProviderWith("VCPU", 64);
        gpu = providers.aProviderWith("PGPU", 8);
        assertThat(placement.call("PUT", "/allocations/" + UUID.randomUUID(), "1.38", """
                {"allocations": {"%s": {"resources": {"VCPU": 4}}, "%s": {"resources": {"PGPU": 1}}},
                 "project_id": "%s", "user_id": "a", "consumer_generation": null, "consumer_type": "INSTANCE"}
                """.formatted(host, gpu, project)).status()).isEqualTo(204);
        assertThat(placement.call("PUT", "/allocations/" + UUID.randomUUID(), "1.38", """
                {"allocations": {"%s": {"resources": {"VCPU": 2}}},
                 "project_id": "%s", "user_id": "b", "consumer_generation": null, "consumer_type": "MIGRATION"}
                """.formatted(host, project)).status()).isEqualTo(204);
        assertThat(placement.call("PUT", "/allocations/" + UUID.randomUUID(), "1.12", """
                {"allocations": {"%s": {"resources": {"VCPU": 1}}}, "project_id": "%s", "user_id": "b"}
                """.formatted(host, project)).status()).isEqualTo(204);
    }

    @Test
    void from1_9UsagesSumAProjectAndOptionallyOneUser() {
        Response project = usages("project_id=" + this.project, "1.9");
        assertThat(project.status()).isEqualTo(200);
        assertThat(project.body().toString()).isEqualTo("{\"usages\":{\"VCPU\":7,\"PGPU\":1}}");
        assertThat(usages("project_id=" + this.project + "&user_id=b", "1.37").body().toString())
                .isEqualTo("{\"usages\":{\"VCPU\":3}}");
        assertThat(usages("project_id=nobody-" + UUID.randomUUID(), "1.9").body().toString())
                .isEqualTo("{\"usages\":{}}");
    }

    @Test
    void from1_38UsagesAreGroupedByConsumerTypeWithConsumerCounts() {
        Response grouped = usages("project_id=" + project, "1.38");

        assertThat(grouped.body().path("usages").path("INSTANCE").toString())
                .isEqualTo("{\"consumer_count\":1,\"VCPU\":4,\"PGPU\":1}");
        assertThat(grouped.body().path("usages").path("MIGRATION").toString())
                .isEqualTo("{\"consumer_count\":1,\"VCPU\":2}");
        assertThat(grouped.body().path("usages").path("unknown").toString())
                .isEqualTo("{\"consumer_count\":1,\"VCPU\":1}");
    }

    @Test
    void from1_38AConsumerTypeFilterSelectsOneGroupOrAllOrTheUntyped() {
        assertThat(usages("project_id=" + project + "&consumer_type=INSTANCE", "1.38").body().toString())
                .isEqualTo("{\"usages\":{\"INSTANCE\":{\"consumer_count\":1,\"VCPU\":4,\"PGPU\":1}}}");
        assertThat(usages("project_id=" + project + "&consumer_type=all", "1.38").body().toString())
                .isEqualTo("{\"usages\":{\"all\":{\"consumer_count\":3,\"VCPU\":7,\"PGPU\":1}}}");
        assertThat(usages("project_id=" + project + "&consumer_type=unknown&user_id=b", "1.38").body().toString())
                .isEqualTo("{\"usages\":{\"unknown\":{\"consumer_count\":1,\"VCPU\":1}}}");
        assertThat(usages("project_id=" + project + "&consumer_type=NOTHING_HERE", "1.38").body().toString())
                .isEqualTo("{\"usages\":{}}");
    }

    @Test
    void badQueriesAndOldVersionsAreRefused() {
        assertThat(usages("project_id=" + project, "1.8").status()).isEqualTo(404);
        Response noProject = usages("user_id=a", "1.9");
        assertThat(noProject.status()).isEqualTo(400);
        assertThat(noProject.errorCode()).isEqualTo("placement.query.bad_value");
        Response typeTooEarly = usages("project_id=" + project + "&consumer_type=INSTANCE", "1.37");
        assertThat(typeTooEarly.status()).isEqualTo(400);
        assertThat(typeTooEarly.errorCode()).isEqualTo("placement.query.unknown_key");
        assertThat(usages("project_id=" + project + "&consumer_type=lower", "1.38").status()).isEqualTo(400);
        assertThat(usages("project_id=a&project_id=b", "1.9").errorCode()).isEqualTo("placement.query.duplicate_key");
    }

    private Response usages(String query, String version) {
        return placement.get("/usages?" + query, version);
    }
}
