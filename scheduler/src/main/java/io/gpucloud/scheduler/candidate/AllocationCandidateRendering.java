package io.gpucloud.scheduler.candidate;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ProviderSummary;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ResourceSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Pure mappers from {@link AllocationCandidatesResult} to Placement's JSON, per microversion. */
final class AllocationCandidateRendering {

    private AllocationCandidateRendering() {
    }

    /**
     * <pre>
     * {"allocation_requests": [...],                  see allocationRequest
     *  "provider_summaries": {"&lt;rp uuid&gt;": ...}}     see providerSummary
     * </pre>
     */
    static Map<String, Object> render(AllocationCandidatesResult result, ApiVersion version, Set<String> requestedClasses) {
        List<Object> requests = new ArrayList<>(result.allocationRequests().size());
        for (AllocationRequest request : result.allocationRequests()) {
            requests.add(allocationRequest(request, version));
        }
        Map<String, Object> summaries = new LinkedHashMap<>();
        result.providerSummaries().forEach((uuid, summary) ->
                summaries.put(uuid.toString(), providerSummary(summary, version, requestedClasses)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocation_requests", requests);
        body.put("provider_summaries", summaries);
        return body;
    }

    /**
     * Before 1.12, a list per request:
     * <pre>{"allocations": [{"resource_provider": {"uuid": "…"}, "resources": {"VCPU": 1}}]}</pre>
     * From 1.12, a dict keyed by provider, and from 1.34 the group mappings:
     * <pre>{"allocations": {"&lt;rp uuid&gt;": {"resources": {"VCPU": 1}}}, "mappings": {"": ["&lt;rp uuid&gt;"]}}</pre>
     */
    static Map<String, Object> allocationRequest(AllocationRequest request, ApiVersion version) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        if (!version.atLeast(1, 12)) {
            List<Object> allocations = new ArrayList<>();
            request.allocations().forEach((uuid, resources) -> {
                Map<String, Object> allocation = new LinkedHashMap<>();
                allocation.put("resource_provider", Map.of("uuid", uuid.toString()));
                allocation.put("resources", resources);
                allocations.add(allocation);
            });
            rendered.put("allocations", allocations);
            return rendered;
        }
        Map<String, Object> allocations = new LinkedHashMap<>();
        request.allocations().forEach((uuid, resources) -> allocations.put(uuid.toString(), Map.of("resources", resources)));
        rendered.put("allocations", allocations);
        if (version.atLeast(1, 34)) {
            Map<String, List<String>> mappings = new LinkedHashMap<>();
            request.mappings().forEach((suffix, uuids) -> mappings.put(suffix, uuids.stream().map(UUID::toString).toList()));
            rendered.put("mappings", mappings);
        }
        return rendered;
    }

    /**
     * <pre>
     * {"resources": {"PGPU": {"capacity": 1, "used": 0}},   only requested classes before 1.27
     *  "traits": ["CUSTOM_GPU_NVIDIA_A100_80GB"],           from 1.17
     *  "parent_provider_uuid": "…", "root_provider_uuid": "…"}   from 1.29
     * </pre>
     */
    static Map<String, Object> providerSummary(ProviderSummary summary, ApiVersion version, Set<String> requestedClasses) {
        Map<String, Object> resources = new LinkedHashMap<>();
        for (Map.Entry<String, ResourceSummary> resource : summary.resources().entrySet()) {
            if (version.atLeast(1, 27) || requestedClasses.contains(resource.getKey())) {
                resources.put(resource.getKey(), Map.of("capacity", resource.getValue().capacity(),
                        "used", resource.getValue().used()));
            }
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("resources", resources);
        if (version.atLeast(1, 17)) {
            rendered.put("traits", List.copyOf(summary.traits()));
        }
        if (version.atLeast(1, 29)) {
            rendered.put("parent_provider_uuid", summary.parentUuid() == null ? null : summary.parentUuid().toString());
            rendered.put("root_provider_uuid", summary.rootUuid().toString());
        }
        return rendered;
    }
}
