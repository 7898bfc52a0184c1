package io.gpucloud.common.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every extra spec a flavor may not have, and that the message names the key a person has to fix. */
class InvalidExtraSpecTest {

    @ParameterizedTest(name = "{0} = ''{1}'' is rejected: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", value = {
            "resources:VCPU                 | abc       | not a whole number",
            "resources:VCPU                 | -1        | not a whole number",
            "resources:VCPU                 | 1.5       | not a whole number",
            "resources:VCPU                 | +2        | not a whole number",
            "resources:VCPU                 | \"\"      | not a whole number",
            "resources:VCPU                 | 2147483648| not a whole number",
            "resources:vcpu                 | 1         | not a resource class",
            "resources:GPU                  | 1         | not a resource class",
            "resources:CUSTOM_lower         | 1         | not a resource class",
            "resources:CUSTOM_              | 1         | not a resource class",
            "resources:                     | 1         | name a resource class",
            "resources                      | 1         | name a resource class",
            "resourcesX:VCPU                | 1         | not a group suffix",
            "resources_:VCPU                | 1         | not a group suffix",
            "resources-1:VCPU               | 1         | not a group suffix",
            "resources_GPU1:PGPU            | 1         | reserved",
            "Resources:VCPU                 | 1         | case-sensitive",
            "resources1:PGPU                | 2         | at most 1 PGPU",
            "resources:PGPU                 | 65        | at most 64",
            "resources:CUSTOM_MIG_1G_10GB   | 100       | at most 64",
            "trait:CUSTOM_X                 | yes       | 'required' or 'forbidden'",
            "trait:CUSTOM_X                 | Required  | 'required' or 'forbidden'",
            "trait:custom_x                 | required  | name a trait",
            "trait:                         | required  | name a trait",
            "trait1                         | required  | name a trait",
            "traits:CUSTOM_X                | required  | not a group suffix",
            "TRAIT:CUSTOM_X                 | required  | case-sensitive",
            "group_policy                   | both      | not a group policy",
            "group_policy                   | ISOLATE   | not a group policy",
            "Group_Policy                   | isolate   | case-sensitive",
            "gpu:topology                   | ring      | not a GPU topology",
            "gpu:model                      | a100      | did you mean 'gpu:topology'",
            "hw:cpu_policy                  | mixed     | 'mixed' is not supported",
            "hw:cpu_policy                  | pinned    | not a CPU policy",
            "HW:CPU_POLICY                  | dedicated | case-sensitive",
            "hw:numa_nodes                  | 0         | at least 1",
            "hw:numa_nodes                  | two       | not a whole number",
            "bad/key                        | 1         | keys are 1 to 255 characters"})
    void rejectsOnWrite(String key, String value, String reason) {
        Map<String, String> specs = Map.of(key, value, "resources:MEMORY_MB", "1024");

        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(specs))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(reason);
        assertThatThrownBy(() -> FlavorResources.translate(8, 1024, 10, specs, Map.of()))
                .isInstanceOf(InvalidExtraSpecException.class);
    }

    @Test
    void valuesLongerThan255CharactersAreRejected() {
        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(Map.of("quota:x", "9".repeat(256))))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class, e -> assertThat(e.key()).isEqualTo("quota:x"))
                .hasMessageContaining("at most 255");
    }

    @Test
    void nullValuesAreRejectedWithTheirKey() {
        Map<String, String> specs = new HashMap<>();
        specs.put("resources:VGPU", null);

        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(specs))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class,
                        e -> assertThat(e.key()).isEqualTo("resources:VGPU"));
    }

    @Test
    void aNullKeyIsRejectedAsAnExtraSpecNotAsANullPointer() {
        Map<String, String> specs = new HashMap<>();
        specs.put(null, "1");
        specs.put("resources:VGPU", "1");

        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(specs))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class, e -> assertThat(e.key()).isEqualTo("null"));
        assertThatThrownBy(() -> FlavorResources.translate(1, 1, 1, specs, Map.of()))
                .isInstanceOf(InvalidExtraSpecException.class);
    }

    @Test
    void theFirstBadKeyInKeyOrderIsReported() {
        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(Map.of("trait:x", "required",
                "resources:X", "1", "resources:VCPU", "x")))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class,
                        e -> assertThat(e.key()).isEqualTo("resources:VCPU"));
    }

    /** Rules about combinations of keys: accepted on write, as in Nova, and rejected when an instance is created. */
    @ParameterizedTest(name = "{0}: key {2}")
    @CsvSource(delimiter = '|', value = {
            "a trait group without a resources group  | trait1:CUSTOM_X=required                                 "
                    + "| trait1:CUSTOM_X      | has traits but no resources",
            "a trait group whose resources are all 0  | resources1:VGPU=0,trait1:CUSTOM_X=forbidden              "
                    + "| trait1:CUSTOM_X      | add resources1:<CLASS>=<amount>",
            "two numbered groups and no group policy  | resources1:SRIOV_NET_VF=1,resources2:SRIOV_NET_VF=1     "
                    + "| group_policy         | needs group_policy=isolate",
            "group_policy=none with two whole GPUs    | resources:PGPU=2,group_policy=none                       "
                    + "| group_policy         | group_policy=none cannot be used",
            "an explicit PCPU and a CPU policy        | hw:cpu_policy=dedicated,resources:PCPU=8                 "
                    + "| resources:PCPU       | cannot be combined with hw:cpu_policy",
            "an explicit VCPU and a CPU policy        | hw:cpu_policy=shared,resources1:VCPU=4                   "
                    + "| resources1:VCPU      | cannot be combined with hw:cpu_policy",
            "explicit VCPU and PCPU                   | resources:VCPU=4,resources:PCPU=8                        "
                    + "| resources:PCPU       | cannot be combined with an explicit VCPU",
            "a PCPU total other than the flavor's     | resources:PCPU=4                                         "
                    + "| resources:PCPU       | the flavor has 8 vCPUs"})
    void rejectsCombinationsOnTranslate(String description, String specs, String key, String reason) {
        Map<String, String> extraSpecs = parse(specs);

        FlavorResources.validateExtraSpecs(extraSpecs);
        assertThatThrownBy(() -> FlavorResources.translate(8, 1024, 10, extraSpecs, Map.of()))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void anImageMayNotRequireATraitTheFlavorForbids() {
        assertThatThrownBy(() -> FlavorResources.translate(8, 1024, 10, Map.of("trait:CUSTOM_X", "forbidden"),
                Map.of("trait:CUSTOM_X", "required")))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class,
                        e -> assertThat(e.key()).isEqualTo("trait:CUSTOM_X"))
                .hasMessageContaining("the image requires CUSTOM_X but the flavor forbids it");
    }

    @Test
    void anImageTraitMustBeAValidTraitName() {
        assertThatThrownBy(() -> FlavorResources.translate(8, 1024, 10, Map.of(), Map.of("trait:avx", "required")))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class,
                        e -> assertThat(e.key()).isEqualTo("trait:avx"));
    }

    private static Map<String, String> parse(String specs) {
        Map<String, String> map = new HashMap<>();
        for (String spec : specs.split(",")) {
            String[] keyValue = spec.split("=", 2);
            map.put(keyValue[0], keyValue[1]);
        }
        return map;
    }
}
