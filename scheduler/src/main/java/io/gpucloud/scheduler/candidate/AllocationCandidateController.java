package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /allocation_candidates} (microversion 1.10 on): read the query, find, render. */
@RestController
class AllocationCandidateController {

    private final AllocationCandidates candidates;
    private final JsonMapper json;

    AllocationCandidateController(AllocationCandidates candidates, JsonMapper json) {
        this.candidates = requireNonNull(candidates, "candidates is null");
        this.json = requireNonNull(json, "json is null");
    }

    @GetMapping("/allocation_candidates")
    ResponseEntity<byte[]> list(ApiVersion version, HttpServletRequest http) {
        if (!version.atLeast(1, 10)) {
            throw PlacementException.notFound("The resource could not be found.");
        }
        AllocationCandidateQuery query = AllocationCandidateQuery.parse(QueryParameters.of(http), version);
        AllocationCandidatesResult result = candidates.find(query.request());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(AllocationCandidateRendering.render(result, version, query.requestedClasses(), json));
    }
}
