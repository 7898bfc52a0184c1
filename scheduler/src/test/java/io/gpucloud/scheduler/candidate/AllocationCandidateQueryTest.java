package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpucloud.scheduler.PlacementClient;
import io.gpucloud.scheduler.PlacementTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed or out-of-version query of GET /allocation_candidates is a 400 with Placement's code. */
class AllocationCandidateQueryTest extends PlacementTestBase {

    @ParameterizedTest(name = "at {0}, ?{1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "1.39 | resources=PGPU                                         | placement.query.bad_value",
            "1.39 | resources=PGPU:0                                       | placement.query.bad_value",
            "1.39 | resources=PGPU:-1                                      | placement.query.bad_value",
            "1.39 | resources=PGPU:one                                     | placement.query.bad_value",
            "1.39 | resources=VCPU:1,VCPU:2                                | placement.query.bad_value",
            "1.39 | resources=CUSTOM_NO_SUCH_CLASS:1                       | placement.query.bad_value",
            "1.39 | resources=VCPU:1&required=CUSTOM_NO_SUCH_TRAIT          | placement.query.bad_value",
            "1.39 | resources=VCPU:1&required=HW_CPU_X86_AVX2,!HW_CPU_X86_AVX2 | placement.query.bad_value",
            "1.39 | resources=VCPU:1&required=in:                          | placement.query.bad_value",
            "1.39 | resources1=PGPU:1&resources2=PGPU:1                    | placement.query.bad_value",
            "1.39 | resources1=PGPU:1&resources2=PGPU:1&group_policy=spread | placement.query.bad_value",
            "1.39 | resources=VCPU:1&limit=0                               | placement.query.bad_value",
            "1.39 | resources=VCPU:1&limit=ten                             | placement.query.bad_value",
            "1.39 | resources=VCPU:1&member_of=not-a-uuid                  | placement.query.bad_value",
            "1.39 | resources=VCPU:1&in_tree=not-a-uuid                    | placement.query.bad_value",
            "1.39 | resources=VCPU:1&required1=HW_CPU_X86_AVX2             | placement.query.bad_value",
            "1.39 | resources=VCPU:1&same_subtree=_NOPE                    | placement.query.bad_value",
            "1.39 | required=HW_CPU_X86_AVX2                               | placement.query.bad_value",
            "1.39 | resources=VCPU:1&root_required=in:HW_CPU_X86_AVX2      | placement.query.bad_value",
            "1.39 | resources=VCPU:1&resources=VCPU:2                      | placement.query.duplicate_key",
            "1.39 | resources=VCPU:1&limit=1&limit=2                       | placement.query.duplicate_key",
            "1.38 | resources=VCPU:1&required=HW_CPU_X86_AVX2&required=HW_CPU_X86_SSE42 | placement.query.duplicate_key",
            "1.23 | resources=VCPU:1&member_of=7f6ee4b3-3e8b-4ed7-a0b7-0e9f9e4e8a11&member_of=7f6ee4b3-3e8b-4ed7-a0b7-0e9f9e4e8a12 | placement.query.duplicate_key",
            "1.39 | resources=VCPU:1&colour=blue                           | placement.query.unknown_key",
            "1.15 | resources=VCPU:1&limit=1                               | placement.query.unknown_key",
            "1.16 | resources=VCPU:1&required=HW_CPU_X86_AVX2              | placement.query.unknown_key",
            "1.20 | resources=VCPU:1&member_of=7f6ee4b3-3e8b-4ed7-a0b7-0e9f9e4e8a11 | placement.query.unknown_key",
            "1.21 | resources=VCPU:1&required=!HW_CPU_X86_AVX2             | placement.query.bad_value",
            "1.24 | resources1=VCPU:1                                      | placement.query.unknown_key",
            "1.30 | resources=VCPU:1&in_tree=7f6ee4b3-3e8b-4ed7-a0b7-0e9f9e4e8a11 | placement.query.unknown_key",
            "1.31 | resources=VCPU:1&member_of=!7f6ee4b3-3e8b-4ed7-a0b7-0e9f9e4e8a11 | placement.query.bad_value",
            "1.32 | resources_GPU=PGPU:1                                   | placement.query.unknown_key",
            "1.34 | resources=VCPU:1&root_required=HW_CPU_X86_AVX2         | placement.query.unknown_key",
            "1.35 | resources1=VCPU:1&same_subtree=1                       | placement.query.unknown_key",
            "1.38 | resources=VCPU:1&required=in:HW_CPU_X86_AVX2,HW_CPU_X86_SSE42 | placement.query.bad_value",
    })
    void aBadQueryIsA400WithPlacementsCode(String version, String query, String code) {
        PlacementClient.Response response = placement.get("/allocation_candidates?" + query, version);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo(code);
    }
}
