package io.gpucloud.scheduler.api;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.common.api.MicroversionNegotiator;

/**
 * The Placement microversions this service speaks, 1.0 to {@link #MAXIMUM}. The version that adds a
 * behaviour is named where the behaviour is implemented ({@code version.atLeast(1, 14)}); this list says
 * what each one brought:
 * <pre>
 * 1.0  the base API                         1.20 POST /resource_providers returns the provider
 * 1.1  provider aggregates                  1.21 member_of on allocation candidates
 * 1.2  custom resource classes              1.22 forbidden traits (!TRAIT)
 * 1.3  member_of on providers               1.23 error codes in error bodies
 * 1.4  resources filter on providers        1.24 several member_of (AND)
 * 1.5  DELETE all inventories               1.25 granular request groups
 * 1.6  traits                               1.26 inventory reserved == total allowed
 * 1.7  PUT resource class is idempotent     1.27 allocation candidate provider summaries list all classes
 * 1.8  project_id and user_id required      1.28 consumer generations
 * 1.9  usages per project/user              1.29 nested providers in allocation candidates
 * 1.10 allocation candidates                1.30 reshaper
 * 1.11 allocation links on providers        1.31 in_tree on allocation candidates
 * 1.12 dict-form allocation requests        1.32 forbidden aggregates (!member_of)
 * 1.13 POST /allocations (many consumers)   1.33 string request group suffixes
 * 1.14 nested providers (parent, in_tree)   1.34 mappings in allocation requests
 * 1.15 last-modified / cache headers        1.35 root_required
 * 1.16 limit on allocation candidates       1.36 same_subtree
 * 1.17 required traits on candidates        1.37 re-parenting providers (PUT provider)
 * 1.18 required traits on providers         1.38 consumer types
 * 1.19 aggregates with generation           1.39 any-of traits (in:A,B)
 * </pre>
 */
public final class PlacementVersions {

    public static final ApiVersion MINIMUM = new ApiVersion(1, 0);
    public static final ApiVersion MAXIMUM = new ApiVersion(1, 39);
    public static final String SERVICE_TYPE = "placement";

    private PlacementVersions() {
    }

    public static MicroversionNegotiator negotiator() {
        return new MicroversionNegotiator(SERVICE_TYPE, null, MINIMUM, MAXIMUM);
    }
}
