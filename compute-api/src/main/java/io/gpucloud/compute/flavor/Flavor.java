package io.gpucloud.compute.flavor;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A flavor as the rest of the compute API sees it: sizes, extra specs and who may use it.
 *
 * @param id Nova's flavor id (a string: a uuid, a number written as text, or a name-like id)
 * @param ramMb memory in MiB
 * @param diskGb root disk in GiB (0: the image's size)
 * @param swapMb swap in MiB (0: none)
 * @param description null unless set (microversion 2.55 and later)
 * @param extraSpecs the extra specs in key order
 */
public record Flavor(
        String id,
        String name,
        String description,
        int vcpus,
        int ramMb,
        int diskGb,
        int ephemeralGb,
        int swapMb,
        double rxtxFactor,
        boolean isPublic,
        boolean disabled,
        SortedMap<String, String> extraSpecs) {

    public Flavor {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        extraSpecs = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(extraSpecs, "extraSpecs is null")));
    }

    Flavor withExtraSpecs(Map<String, String> specs) {
        return new Flavor(id, name, description, vcpus, ramMb, diskGb, ephemeralGb, swapMb, rxtxFactor, isPublic,
                disabled, new TreeMap<>(specs));
    }

    Flavor withDescription(String newDescription) {
        return new Flavor(id, name, newDescription, vcpus, ramMb, diskGb, ephemeralGb, swapMb, rxtxFactor, isPublic,
                disabled, extraSpecs);
    }
}
