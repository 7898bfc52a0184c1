package io.gpucloud.scheduler.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builders for Placement tests: providers, inventories and traits through the API, and allocations written
 * straight into the table (the allocations API is tested on its own). The database is shared by every test
 * class of the run, so names are made unique.
 */
public final class ProviderFixtures {

    private final PlacementClient placement;
    private final JdbcClient jdbc;

    public ProviderFixtures(PlacementClient placement, JdbcClient jdbc) {
        this.placement = placement;
        this.jdbc = jdbc;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A name usable as a trait or custom class: CUSTOM_PREFIX_XXXXXXXX. */
    public static String uniqueCustom(String prefix) {
        return "CUSTOM_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public UUID provider(String name) {
        return provider(name, null);
    }

    public UUID provider(String name, UUID parent) {
        String body = parent == null ? "{\"name\": \"%s\"}".formatted(name)
                : "{\"name\": \"%s\", \"parent_provider_uuid\": \"%s\"}".formatted(name, parent);
        PlacementClient.Response created = placement.call("POST", "/resource_providers", "1.20", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        return UUID.fromString(created.body().path("uuid").asString());
    }

    public int generation(UUID provider) {
        return placement.get("/resource_providers/" + provider, "1.14").body().path("generation").asInt();
    }

    /** Replaces the provider's inventory with {@code inventories}, a JSON object keyed by class. */
    public void inventories(UUID provider, String inventories) {
        PlacementClient.Response put = placement.call("PUT", "/resource_providers/" + provider + "/inventories",
                "1.26", "{\"resource_provider_generation\": %d, \"inventories\": %s}"
                        .formatted(generation(provider), inventories));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
    }

    public void traits(UUID provider, String... traits) {
        StringBuilder list = new StringBuilder();
        for (String trait : traits) {
            placement.call("PUT", "/traits/" + trait, "1.6", null);
            list.append(list.isEmpty() ? "" : ", ").append('"').append(trait).append('"');
        }
        PlacementClient.Response put = placement.call("PUT", "/resource_providers/" + provider + "/traits", "1.6",
                "{\"traits\": [%s], \"resource_provider_generation\": %d}".formatted(list, generation(provider)));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
    }

    public void aggregates(UUID provider, UUID... aggregates) {
        StringBuilder list = new StringBuilder();
        for (UUID aggregate : aggregates) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(aggregate).append('"');
        }
        PlacementClient.Response put = placement.call("PUT", "/resource_providers/" + provider + "/aggregates",
                "1.19", "{\"aggregates\": [%s], \"resource_provider_generation\": %d}"
                        .formatted(list, generation(provider)));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
    }

    /** Writes an allocation row for a new consumer, as the allocations API would. */
    public UUID allocate(UUID provider, String resourceClass, int used) {
        UUID consumer = UUID.randomUUID();
        jdbc.sql("INSERT INTO consumer (uuid, project_id, user_id) VALUES (:uuid, 'p', 'u')")
                .param("uuid", consumer).update();
        jdbc.sql("""
                INSERT INTO allocation (resource_provider_id, consumer_uuid, resource_class_id, used)
                SELECT rp.id, :consumer, rc.id, :used FROM resource_provider rp, resource_class rc
                WHERE rp.uuid = :provider AND rc.name = :class
                """).param("consumer", consumer).param("used", used).param("provider", provider)
                .param("class", resourceClass).update();
        return consumer;
    }
}
