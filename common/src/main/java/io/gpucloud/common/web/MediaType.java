package io.gpucloud.common.web;

import static java.util.Objects.requireNonNull;

/**
 * An entry of a version document's media types:
 * {@code {"base":"application/json","type":"application/vnd.openstack.compute+json;version=2.1"}}.
 */
public record MediaType(String base, String type) {

    public MediaType {
        requireNonNull(base, "base is null");
        requireNonNull(type, "type is null");
    }

    public static MediaType json(String vendorType) {
        return new MediaType("application/json", vendorType);
    }
}
