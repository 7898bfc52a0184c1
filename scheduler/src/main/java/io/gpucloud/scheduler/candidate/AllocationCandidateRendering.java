package io.gpucloud.scheduler.candidate;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.AllocationRequest;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ProviderSummary;
import io.gpucloud.scheduler.candidate.AllocationCandidatesResult.ResourceSummary;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pure writers from {@link AllocationCandidatesResult} to Placement's JSON, per microversion. They stream
 * straight to bytes: an answer can hold tens of thousands of allocation requests, and building maps first
 * for the converter to walk again cost more than the search.
 */
final class AllocationCandidateRendering {

    private AllocationCandidateRendering() {
    }

    /**
     * <pre>
     * {"allocation_requests": [...],                  see allocationRequest
     *  "provider_summaries": {"&lt;rp uuid&gt;": ...}}     see providerSummary
     * </pre>
     */
    static byte[] render(AllocationCandidatesResult result, ApiVersion version, Set<String> requestedClasses,
            JsonMapper json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 320 * result.allocationRequests().size()
                + 400 * result.providerSummaries().size());
        try (JsonGenerator out = json.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeName("allocation_requests");
            out.writeStartArray();
            for (AllocationRequest request : result.allocationRequests()) {
                allocationRequest(out, request, version);
            }
            out.writeEndArray();
            out.writeName("provider_summaries");
            out.writeStartObject();
            for (Map.Entry<UUID, ProviderSummary> summary : result.providerSummaries().entrySet()) {
                out.writeName(summary.getKey().toString());
                providerSummary(out, summary.getValue(), version, requestedClasses);
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /**
     * Before 1.12, a list per request:
     * <pre>{"allocations": [{"resource_provider": {"uuid": "…"}, "resources": {"VCPU": 1}}]}</pre>
     * From 1.12, a dict keyed by provider, and from 1.34 the group mappings:
     * <pre>{"allocations": {"&lt;rp uuid&gt;": {"resources": {"VCPU": 1}}}, "mappings": {"": ["&lt;rp uuid&gt;"]}}</pre>
     */
    static void allocationRequest(JsonGenerator out, AllocationRequest request, ApiVersion version) {
        out.writeStartObject();
        out.writeName("allocations");
        if (!version.atLeast(1, 12)) {
            out.writeStartArray();
            for (Map.Entry<UUID, Map<String, Integer>> allocation : request.allocations().entrySet()) {
                out.writeStartObject();
                out.writeName("resource_provider");
                out.writeStartObject();
                out.writeName("uuid");
                out.writeString(allocation.getKey().toString());
                out.writeEndObject();
                out.writeName("resources");
                amounts(out, allocation.getValue());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
            return;
        }
        out.writeStartObject();
        for (Map.Entry<UUID, Map<String, Integer>> allocation : request.allocations().entrySet()) {
            out.writeName(allocation.getKey().toString());
            out.writeStartObject();
            out.writeName("resources");
            amounts(out, allocation.getValue());
            out.writeEndObject();
        }
        out.writeEndObject();
        if (version.atLeast(1, 34)) {
            out.writeName("mappings");
            out.writeStartObject();
            for (Map.Entry<String, List<UUID>> mapping : request.mappings().entrySet()) {
                out.writeName(mapping.getKey());
                out.writeStartArray();
                for (UUID provider : mapping.getValue()) {
                    out.writeString(provider.toString());
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private static void amounts(JsonGenerator out, Map<String, Integer> resources) {
        out.writeStartObject();
        for (Map.Entry<String, Integer> resource : resources.entrySet()) {
            out.writeName(resource.getKey());
            out.writeNumber(resource.getValue());
        }
        out.writeEndObject();
    }

    /**
     * <pre>
     * {"resources": {"PGPU": {"capacity": 1, "used": 0}},   only requested classes before 1.27
     *  "traits": ["CUSTOM_GPU_NVIDIA_A100_80GB"],           from 1.17
     *  "parent_provider_uuid": "…", "root_provider_uuid": "…"}   from 1.29
     * </pre>
     */
    static void providerSummary(JsonGenerator out, ProviderSummary summary, ApiVersion version,
            Set<String> requestedClasses) {
        out.writeStartObject();
        out.writeName("resources");
        out.writeStartObject();
        for (Map.Entry<String, ResourceSummary> resource : summary.resources().entrySet()) {
            if (version.atLeast(1, 27) || requestedClasses.contains(resource.getKey())) {
                out.writeName(resource.getKey());
                out.writeStartObject();
                out.writeName("capacity");
                out.writeNumber(resource.getValue().capacity());
                out.writeName("used");
                out.writeNumber(resource.getValue().used());
                out.writeEndObject();
            }
        }
        out.writeEndObject();
        if (version.atLeast(1, 17)) {
            out.writeName("traits");
            out.writeStartArray();
            for (String trait : summary.traits()) {
                out.writeString(trait);
            }
            out.writeEndArray();
        }
        if (version.atLeast(1, 29)) {
            out.writeName("parent_provider_uuid");
            if (summary.parentUuid() == null) {
                out.writeNull();
            } else {
                out.writeString(summary.parentUuid().toString());
            }
            out.writeName("root_provider_uuid");
            out.writeString(summary.rootUuid().toString());
        }
        out.writeEndObject();
    }
}
