package io.gpucloud.scheduler.resourceclass;

import static java.util.Objects.requireNonNull;

import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.resourceclass.ResourceClassRepository.ResourceClass;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Custom resource classes: {@code CUSTOM_} followed by upper-case letters, digits and underscores. Standard
 * classes are fixed. After a change commits, the {@link ResourceClassRegistry} cache is reloaded (not
 * before: a rolled-back change must not reach the cache).
 */
@Service
public class ResourceClassService {

    private static final Pattern CUSTOM_NAME = Pattern.compile("^CUSTOM_[A-Z0-9_]+$");
    private static final int MAX_NAME = 255;

    private final ResourceClassRepository classes;
    private final ResourceClassRegistry registry;

    ResourceClassService(ResourceClassRepository classes, ResourceClassRegistry registry) {
        this.classes = requireNonNull(classes, "classes is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Transactional(readOnly = true)
    public List<String> list() {
        return classes.list().stream().map(ResourceClass::name).toList();
    }

    @Transactional(readOnly = true)
    public String find(String name) {
        return classes.find(name).map(ResourceClass::name).orElseThrow(() -> notFound(name));
    }

    /** POST: 409 when the class exists. */
    @Transactional
    public void create(String name) {
        requireCustomName(name);
        if (!classes.insertCustom(name)) {
            throw PlacementException.conflict(PlacementErrorCode.DUPLICATE_NAME,
                    "Conflicting resource class already exists: " + name + ".");
        }
        reloadRegistryAfterCommit();
    }

    /**
     * PUT from 1.7: makes sure the class exists.
     *
     * @return whether it was created
     */
    @Transactional
    public boolean ensure(String name) {
        requireCustomName(name);
        boolean created = classes.insertCustom(name);
        if (created) {
            reloadRegistryAfterCommit();
        }
        return created;
    }

    /** PUT before 1.7: renames a custom class. */
    @Transactional
    public String rename(String name, String newName) {
        requireCustomName(newName);
        ResourceClass existing = classes.find(name).orElseThrow(() -> notFound(name));
        if (existing.standard()) {
            throw PlacementException.badRequest("Cannot update standard resource class " + name + ".");
        }
        if (!name.equals(newName)) {
            if (classes.find(newName).isPresent()) {
                throw PlacementException.conflict(PlacementErrorCode.DUPLICATE_NAME,
                        "Resource class already exists: " + newName + ".");
            }
            classes.rename(existing.id(), newName);
            reloadRegistryAfterCommit();
        }
        return newName;
    }

    @Transactional
    public void delete(String name) {
        ResourceClass existing = classes.find(name).orElseThrow(() -> notFound(name));
        if (existing.standard()) {
            throw PlacementException.badRequest("Cannot delete standard resource class " + name + ".");
        }
        if (classes.inUse(existing.id())) {
            throw PlacementException.conflict(PlacementErrorCode.UNDEFINED,
                    "Unable to delete resource class " + name + ". The resource class is in use in inventory.");
        }
        classes.delete(existing.id());
        reloadRegistryAfterCommit();
    }

    private static void requireCustomName(String name) {
        if (name == null || name.length() > MAX_NAME || !CUSTOM_NAME.matcher(name).matches()) {
            throw PlacementException.badRequest("JSON does not validate: '" + name + "' is not a valid custom "
                    + "resource class name: it must match ^CUSTOM_[A-Z0-9_]+$ and be at most 255 characters.");
        }
    }

    private void reloadRegistryAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                registry.invalidate();
            }
        });
    }

    private static PlacementException notFound(String name) {
        return PlacementException.notFound("No such resource class " + name + ".");
    }
}
