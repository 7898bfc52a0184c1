package io.gpucloud.common.compute;

/**
 * One flavor extra spec after {@link ExtraSpecParser} has checked it on its own. Rules that need the whole map, such
 * as a trait group without resources, live in {@link FlavorTranslation}.
 */
sealed interface ExtraSpec {

    String key();

    record Resource(String key, String suffix, String resourceClass, int amount) implements ExtraSpec {}

    record Trait(String key, String suffix, String trait, boolean required) implements ExtraSpec {}

    record GroupPolicySpec(String key, GroupPolicy policy) implements ExtraSpec {}

    record GpuTopologySpec(String key, GpuTopology topology) implements ExtraSpec {}

    record CpuPolicySpec(String key, CpuPolicy policy) implements ExtraSpec {}

    record NumaNodesSpec(String key, int nodes) implements ExtraSpec {}

    /** A key in a namespace we do not interpret. */
    record Ignored(String key) implements ExtraSpec {}
}
