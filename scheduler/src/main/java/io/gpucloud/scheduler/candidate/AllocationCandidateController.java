package io.gpucloud.scheduler.candidate;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /allocation_candidates} (microversion 1.10 on): read the query, find, render. */
@RestController
class AllocationCandidateController {

    private final AllocationCandidates candidates;

    AllocationCandidateController(AllocationCandidates candidates) {
        this.candidates = requireNonNull(candidates, "candidates is null");
    }

    @GetMapping("/allocation_candidates")
    Map<String, Object> list(ApiVersion version, HttpServletRequest http) {
        if (!version.atLeast(1, 10)) {
            throw PlacementException.notFound("The resource could not be found.");
        }
        AllocationCandidateQuery query = AllocationCandidateQuery.parse(QueryParameters.of(http), version);
        AllocationCandidatesResult result = candidates.find(query.request());
        return AllocationCandidateRendering.render(result, version, query.requestedClasses());
    }
}
