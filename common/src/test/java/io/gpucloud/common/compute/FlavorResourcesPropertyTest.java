package io.gpucloud.common.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

/** Properties over random flavors: valid ones always translate and keep every GPU; junk never slips through. */
class FlavorResourcesPropertyTest {

    private static final List<String> UNNUMBERED_CLASSES = List.of("MEMORY_MB", "DISK_GB", "PGPU", "VGPU",
            "CUSTOM_MIG_1G_10GB", "CUSTOM_MIG_3G_40GB", "SRIOV_NET_VF", "VGPU_DISPLAY_HEAD", "CUSTOM_LICENSE");
    private static final List<String> GRANULAR_CLASSES = List.of("SRIOV_NET_VF", "PGPU", "VGPU",
            "CUSTOM_MIG_1G_10GB", "FPGA", "NET_BW_EGR_KILOBIT_PER_SEC");
    private static final List<String> SUFFIXES = List.of("1", "2", "10", "_NET", "_accel");
    private static final List<String> TRAITS = List.of("CUSTOM_GPU_NVIDIA_A100_80GB", "CUSTOM_GPU_MEMORY_80GB",
            "CUSTOM_NVLINK_DOMAIN_0", "HW_CPU_X86_AVX2", "CUSTOM_NUMA_NODE_1", "COMPUTE_STATUS_DISABLED");

    @Label("a valid flavor always translates, and every GPU it asks for is in exactly one GPU group")
    @Property
    void validFlavorsTranslateAndKeepTheirGpus(@ForAll("validExtraSpecs") Map<String, String> extraSpecs,
            @ForAll @IntRange(max = 64) int vcpus, @ForAll @IntRange(max = 1 << 20) int ramMb,
            @ForAll @IntRange(max = 2000) int diskGb) {
        FlavorResources.validateExtraSpecs(extraSpecs);
        ResourceRequest request = FlavorResources.translate(vcpus, ramMb, diskGb, extraSpecs, Map.of());

        int requested = requestedGpus(extraSpecs);
        int inGroups = request.groups().stream()
                .flatMap(group -> group.resources().entrySet().stream())
                .filter(entry -> FlavorResources.isGpuResourceClass(entry.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
        assertThat(inGroups).isEqualTo(requested);
        assertThat(request.gpuCount()).isEqualTo(requested);
        assertThat(request.gpuGroupSuffixes()).containsExactlyElementsOf(request.groups().stream()
                .filter(ResourceGroup::hasGpuResources).map(ResourceGroup::suffix).toList());
        request.findGroup(ResourceGroup.UNNUMBERED)
                .ifPresent(unnumbered -> assertThat(unnumbered.hasGpuResources()).isFalse());
        assertThat(request.groups()).allSatisfy(group -> assertThat(group.amount("PGPU")).isLessThanOrEqualTo(1));
        assertThat(request.groups()).extracting(ResourceGroup::suffix).isSortedAccordingTo(SuffixOrder.INSTANCE);
        if (request.groups().stream().filter(group -> !group.isUnnumbered()).count() > 1) {
            assertThat(request.groupPolicy()).isNotNull();
        }
    }

    @Label("a junk key or value in a namespace we validate is rejected as InvalidExtraSpecException naming it")
    @Property
    void junkInStrictNamespacesIsRejected(@ForAll("junkExtraSpecs") Tuple2<String, String> spec) {
        assertThatThrownBy(() -> FlavorResources.validateExtraSpecs(Map.of(spec.get1(), spec.get2())))
                .isInstanceOfSatisfying(InvalidExtraSpecException.class,
                        e -> assertThat(e.key()).isEqualTo(spec.get1()))
                .hasMessageContaining(spec.get1());
    }

    @Label("for any key and value, validation and translation throw nothing but InvalidExtraSpecException")
    @Property
    void anythingFailsOnlyAsInvalidExtraSpec(@ForAll("anyKeys") String key, @ForAll String value) {
        Map<String, String> extraSpecs = Map.of(key, value);
        try {
            FlavorResources.validateExtraSpecs(extraSpecs);
            FlavorResources.translate(4, 4096, 20, extraSpecs, Map.of(key, value));
        } catch (InvalidExtraSpecException expected) {
            assertThat(expected.key()).isNotNull();
        }
    }

    @Provide
    Arbitrary<Map<String, String>> validExtraSpecs() {
        Arbitrary<Map<String, Integer>> unnumbered = Arbitraries.maps(Arbitraries.of(UNNUMBERED_CLASSES),
                Arbitraries.integers().between(0, 16)).ofMaxSize(5);
        Arbitrary<Map<String, Map<String, Integer>>> granular = Arbitraries.maps(Arbitraries.of(SUFFIXES),
                Arbitraries.maps(Arbitraries.of(GRANULAR_CLASSES), Arbitraries.integers().between(1, 4))
                        .ofMinSize(1).ofMaxSize(2))
                .ofMaxSize(3);
        Arbitrary<Map<String, Boolean>> traits = Arbitraries.maps(Arbitraries.of(TRAITS), Arbitraries.of(true, false))
                .ofMaxSize(4);
        Arbitrary<String> groupPolicy = Arbitraries.of("", "none", "isolate");
        Arbitrary<String> cpuPolicy = Arbitraries.of("", "shared", "dedicated");
        Arbitrary<String> topology = Arbitraries.of("", "any", "nvlink", "numa");
        Arbitrary<Integer> numaNodes = Arbitraries.integers().between(0, 4);
        Arbitrary<Boolean> foreignKeys = Arbitraries.of(true, false);
        return Combinators.combine(unnumbered, granular, traits, groupPolicy, cpuPolicy, topology, numaNodes,
                foreignKeys).as(FlavorResourcesPropertyTest::validSpecs);
    }

    /** Builds a spec map from its parts, adjusting only what would make the combination invalid. */
    private static Map<String, String> validSpecs(Map<String, Integer> unnumbered,
            Map<String, Map<String, Integer>> granular, Map<String, Boolean> traits, String groupPolicy,
            String cpuPolicy, String topology, int numaNodes, boolean foreignKeys) {
        Map<String, String> specs = new TreeMap<>();
        unnumbered.forEach((resourceClass, amount) -> specs.put("resources:" + resourceClass, amount.toString()));
        granular.forEach((suffix, resources) -> resources.forEach((resourceClass, amount) -> specs.put(
                "resources" + suffix + ":" + resourceClass, resourceClass.equals("PGPU") ? "1" : amount.toString())));
        granular.keySet().forEach(suffix -> specs.put("trait" + suffix + ":CUSTOM_PHYSNET_A", "required"));
        traits.forEach((trait, required) -> specs.put("trait:" + trait, required ? "required" : "forbidden"));
        String policy = groupPolicy;
        if (policy.isEmpty() && granular.size() > 1) {
            policy = "isolate";
        }
        if (policy.equals("none") && unnumbered.getOrDefault("PGPU", 0) > 1) {
            policy = "isolate";
        }
        putIfNotEmpty(specs, "group_policy", policy);
        putIfNotEmpty(specs, "hw:cpu_policy", cpuPolicy);
        putIfNotEmpty(specs, "gpu:topology", topology);
        if (numaNodes > 0) {
            specs.put("hw:numa_nodes", Integer.toString(numaNodes));
        }
        if (foreignKeys) {
            specs.put("hw:mem_page_size", "large");
            specs.put("aggregate_instance_extra_specs:gpu", "a100");
        }
        return specs;
    }

    @Provide
    Arbitrary<Tuple2<String, String>> junkExtraSpecs() {
        Arbitrary<String> prefix = Arbitraries.of("resources", "resources1", "resources_NET");
        Arbitrary<String> lowerCaseJunk = Arbitraries.strings().withChars("abcxyz-. :/é0").ofMaxLength(12)
                .filter(junk -> !junk.matches("[0-9]*"));
        Arbitrary<String> notAnAmount = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).filter(value -> !value.matches("[0-9]+")),
                Arbitraries.longs().between(Integer.MAX_VALUE + 1L, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.integers().lessOrEqual(-1).map(String::valueOf));
        Arbitrary<String> notASuffix = Arbitraries.strings().ofMinLength(1).ofMaxLength(70)
                .filter(suffix -> !suffix.matches("[0-9]{1,64}|_[A-Za-z0-9_]{1,63}"));
        Arbitrary<String> anyValue = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(
                Combinators.combine(prefix, lowerCaseJunk, anyValue).as((p, junk, v) -> Tuple.of(p + ":" + junk, v)),
                Combinators.combine(prefix, notAnAmount).as((p, v) -> Tuple.of(p + ":VCPU", v)),
                Combinators.combine(Arbitraries.of("resources", "trait"), notASuffix)
                        .as((p, suffix) -> Tuple.of(p + suffix + ":CUSTOM_X", "1")),
                Combinators.combine(Arbitraries.of("trait", "trait2"), lowerCaseJunk)
                        .as((p, junk) -> Tuple.of(p + ":" + junk, "required")),
                anyValue.filter(v -> !v.equals("required") && !v.equals("forbidden"))
                        .map(v -> Tuple.of("trait:CUSTOM_X", v)),
                anyValue.filter(v -> !v.equals("none") && !v.equals("isolate")).map(v -> Tuple.of("group_policy", v)),
                anyValue.filter(v -> !v.matches("any|nvlink|numa")).map(v -> Tuple.of("gpu:topology", v)),
                lowerCaseJunk.filter(junk -> !junk.equals("topology")).map(junk -> Tuple.of("gpu:" + junk, "any")),
                anyValue.filter(v -> !v.matches("shared|dedicated")).map(v -> Tuple.of("hw:cpu_policy", v)),
                anyValue.filter(v -> !v.matches("[0-9]+")).map(v -> Tuple.of("hw:numa_nodes", v)));
    }

    @Provide
    Arbitrary<String> anyKeys() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
                Combinators.combine(Arbitraries.of("resources", "trait", "resources1", "trait1", "gpu:", "hw:",
                        "group_policy"), Arbitraries.strings().ofMaxLength(20)).as(String::concat));
    }

    private static int requestedGpus(Map<String, String> extraSpecs) {
        List<Integer> amounts = new ArrayList<>();
        extraSpecs.forEach((key, value) -> {
            String resourceClass = key.substring(key.indexOf(':') + 1);
            if (key.startsWith("resources") && FlavorResources.isGpuResourceClass(resourceClass)) {
                amounts.add(Integer.parseInt(value));
            }
        });
        return amounts.stream().mapToInt(Integer::intValue).sum();
    }

    private static void putIfNotEmpty(Map<String, String> specs, String key, String value) {
        if (!value.isEmpty()) {
            specs.put(key, value);
        }
    }
}
