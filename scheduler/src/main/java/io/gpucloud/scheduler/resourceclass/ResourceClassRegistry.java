package io.gpucloud.scheduler.resourceclass;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resource class names and ids, cached: every inventory, allocation and candidate request translates
 * names. The cache is reloaded when it misses (a class created by another replica) and after this
 * replica creates or deletes a custom class ({@link #invalidate()}).
 */
@Component
public class ResourceClassRegistry {

    private final JdbcClient jdbc;
    private volatile Map<String, Integer> idsByName = Map.of();
    private volatile Map<Integer, String> namesById = Map.of();

    public ResourceClassRegistry(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public Optional<Integer> find(String name) {
        Integer id = idsByName.get(name);
        if (id == null) {
            reload();
            id = idsByName.get(name);
        }
        return Optional.ofNullable(id);
    }

    /** The id of a class that must exist, else 400 as Placement answers for an unknown class in a request. */
    public int require(String name) {
        return find(name).orElseThrow(() -> PlacementException.badRequest("Unknown resource class in request: " + name + "."));
    }

    public String nameOf(int id) {
        String name = namesById.get(id);
        if (name == null) {
            reload();
            name = namesById.get(id);
        }
        return requireNonNull(name, () -> "no resource class with id " + id);
    }

    public void invalidate() {
        reload();
    }

    private synchronized void reload() {
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, String> byId = new HashMap<>();
        jdbc.sql("SELECT id, name FROM resource_class").query((rs, n) -> {
            byName.put(rs.getString(2), rs.getInt(1));
            byId.put(rs.getInt(1), rs.getString(2));
            return null;
        }).list();
        idsByName = Map.copyOf(byName);
        namesById = Map.copyOf(byId);
    }
}
