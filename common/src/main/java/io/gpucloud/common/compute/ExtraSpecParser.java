package io.gpucloud.common.compute;

import io.gpucloud.common.compute.ExtraSpec.CpuPolicySpec;
import io.gpucloud.common.compute.ExtraSpec.GpuTopologySpec;
import io.gpucloud.common.compute.ExtraSpec.GroupPolicySpec;
import io.gpucloud.common.compute.ExtraSpec.Ignored;
import io.gpucloud.common.compute.ExtraSpec.NumaNodesSpec;
import io.gpucloud.common.compute.ExtraSpec.Resource;
import io.gpucloud.common.compute.ExtraSpec.Trait;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks one extra spec on its own (key syntax, value syntax and range) and parses it into an {@link ExtraSpec}.
 *
 * <p>Namespaces we act on are strict: {@code resources*}, {@code trait*}, {@code group_policy}, {@code gpu:},
 * {@code hw:cpu_policy} and {@code hw:numa_nodes}. Their prefixes are recognised in any letter case so that a typo
 * such as {@code Resources:PGPU} or {@code traits:X} is rejected instead of silently ignored. Everything else (other
 * {@code hw:} keys, {@code aggregate_instance_extra_specs:}, {@code quota:}, ...) is accepted and ignored, as Nova
 * accepts namespaces it has no validator for.
 */
final class ExtraSpecParser {

    /**
     * The most GPUs or slices of one class one key may ask for. No host has more than 16 GPUs, nor a GPU more than a
     * few dozen slices, so a larger number is a typo; the bound also keeps GPU expansion and GPU sums small.
     */
    static final int MAX_GPU_AMOUNT = 64;
    /** Nova's limit on extra spec keys and values. */
    static final int MAX_LENGTH = 255;

    /** The compute API's syntax for extra spec keys (wire-spec 4.4). */
    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_\\-. :]+");
    /** Placement 1.33 suffixes, narrowed: digits, or a name that starts with an underscore. */
    private static final Pattern SUFFIX = Pattern.compile("[0-9]{1,64}|_[A-Za-z0-9_]{1,63}");
    /** Suffixes {@link GpuGroupExpansion} generates; a flavor may not use them or its groups would merge with ours. */
    private static final Pattern RESERVED_SUFFIX = Pattern.compile("_GPU[0-9]+");
    private static final Pattern TRAIT = Pattern.compile("[A-Z0-9_]{1," + MAX_LENGTH + "}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,10}");

    static final String RESOURCES = "resources";
    static final String TRAIT_PREFIX = "trait";
    static final String GROUP_POLICY = "group_policy";
    static final String GPU_TOPOLOGY = "gpu:topology";
    static final String CPU_POLICY = "hw:cpu_policy";
    static final String NUMA_NODES = "hw:numa_nodes";

    private ExtraSpecParser() {}

    /**
     * A sorted copy, so that when several keys are wrong the same one is reported every time. A null key sorts first
     * and is then reported by {@link #parse} rather than failing the copy.
     */
    static SortedMap<String, String> sorted(Map<String, String> specs) {
        SortedMap<String, String> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        sorted.putAll(specs);
        return sorted;
    }

    /**
     * Parses one extra spec.
     *
     * @throws InvalidExtraSpecException naming {@code key} when the key or value is not acceptable
     */
    static ExtraSpec parse(String key, String value) {
        if (key == null) {
            throw new InvalidExtraSpecException("null", "a key is missing");
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH || !KEY.matcher(key).matches()) {
            throw new InvalidExtraSpecException(key, "keys are 1 to " + MAX_LENGTH
                    + " characters from letters, digits, '_', '-', '.', ' ' and ':'");
        }
        if (value == null || value.length() > MAX_LENGTH) {
            throw new InvalidExtraSpecException(key, "the value must be a string of at most " + MAX_LENGTH
                    + " characters");
        }
        int colon = key.indexOf(':');
        String namespace = colon < 0 ? key : key.substring(0, colon);
        String lowerNamespace = namespace.toLowerCase(Locale.ROOT);
        if (lowerNamespace.startsWith(RESOURCES)) {
            return parseResource(key, value, namespace, colon);
        }
        if (lowerNamespace.startsWith(TRAIT_PREFIX)) {
            return parseTrait(key, value, namespace, colon);
        }
        if (lowerNamespace.equals(GROUP_POLICY)) {
            requireExactKey(key, GROUP_POLICY);
            return new GroupPolicySpec(key, GroupPolicy.fromWireValue(value).orElseThrow(
                    () -> new InvalidExtraSpecException(key, "'" + value + "' is not a group policy; use 'isolate' "
                            + "(each numbered group on its own provider) or 'none'")));
        }
        if (lowerNamespace.equals("gpu")) {
            requireExactKey(key, GPU_TOPOLOGY);
            return new GpuTopologySpec(key, GpuTopology.fromWireValue(value).orElseThrow(
                    () -> new InvalidExtraSpecException(key, "'" + value + "' is not a GPU topology; use 'any', "
                            + "'nvlink' (all GPUs in one NVLink domain) or 'numa' (all GPUs on one NUMA node)")));
        }
        if (key.equalsIgnoreCase(CPU_POLICY)) {
            requireExactKey(key, CPU_POLICY);
            return new CpuPolicySpec(key, parseCpuPolicy(key, value));
        }
        if (key.equalsIgnoreCase(NUMA_NODES)) {
            requireExactKey(key, NUMA_NODES);
            int nodes = parseWholeNumber(key, value);
            if (nodes < 1) {
                throw new InvalidExtraSpecException(key, "the number of NUMA nodes must be at least 1");
            }
            return new NumaNodesSpec(key, nodes);
        }
        return new Ignored(key);
    }

    private static Resource parseResource(String key, String value, String namespace, int colon) {
        String suffix = parseSuffix(key, namespace, RESOURCES);
        if (colon < 0 || colon == key.length() - 1) {
            throw new InvalidExtraSpecException(key, "name a resource class after the colon, e.g. '"
                    + RESOURCES + suffix + ":VCPU'");
        }
        String resourceClass = key.substring(colon + 1);
        if (!ResourceClasses.isValid(resourceClass)) {
            throw new InvalidExtraSpecException(key, "'" + resourceClass + "' is not a resource class; use a standard "
                    + "class such as VCPU, MEMORY_MB or PGPU, or CUSTOM_ followed by upper-case letters, digits "
                    + "and '_'");
        }
        int amount = parseWholeNumber(key, value);
        if (ResourceClasses.isGpu(resourceClass)) {
            checkGpuAmount(key, suffix, resourceClass, amount);
        }
        return new Resource(key, suffix, resourceClass, amount);
    }

    private static void checkGpuAmount(String key, String suffix, String resourceClass, int amount) {
        if (resourceClass.equals(ResourceClasses.PGPU) && !suffix.isEmpty() && amount > 1) {
            throw new InvalidExtraSpecException(key, "a numbered group can hold at most 1 PGPU, because each whole GPU "
                    + "is its own provider with one PGPU; ask for resources:PGPU=" + amount
                    + " (one group per GPU is made for you) or use several numbered groups");
        }
        if (amount > MAX_GPU_AMOUNT) {
            throw new InvalidExtraSpecException(key, "at most " + MAX_GPU_AMOUNT + " " + resourceClass
                    + " can be asked for, not " + amount);
        }
    }

    private static Trait parseTrait(String key, String value, String namespace, int colon) {
        String suffix = parseSuffix(key, namespace, TRAIT_PREFIX);
        String trait = colon < 0 ? "" : key.substring(colon + 1);
        if (!TRAIT.matcher(trait).matches()) {
            throw new InvalidExtraSpecException(key, "name a trait after the colon, in upper-case letters, digits and "
                    + "'_', e.g. 'trait" + suffix + ":HW_CPU_X86_AVX2'");
        }
        boolean required = switch (value) {
            case "required" -> true;
            case "forbidden" -> false;
            default -> throw new InvalidExtraSpecException(key, "'" + value + "' is not allowed; a trait is "
                    + "'required' or 'forbidden'");
        };
        return new Trait(key, suffix, trait, required);
    }

    /** The group suffix of {@code resources<suffix>} or {@code trait<suffix>}, checked. */
    private static String parseSuffix(String key, String namespace, String prefix) {
        if (!namespace.startsWith(prefix)) {
            throw new InvalidExtraSpecException(key, "keys are case-sensitive; write '" + prefix
                    + namespace.substring(prefix.length()) + "'");
        }
        String suffix = namespace.substring(prefix.length());
        if (suffix.isEmpty()) {
            return suffix;
        }
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new InvalidExtraSpecException(key, "'" + suffix + "' is not a group suffix; use a number ('"
                    + prefix + "1') or '_' followed by up to 63 letters, digits or '_' ('" + prefix + "_NET')");
        }
        if (RESERVED_SUFFIX.matcher(suffix).matches()) {
            throw new InvalidExtraSpecException(key, "suffixes _GPU<n> are reserved for the groups made from "
                    + "resources:PGPU, VGPU and CUSTOM_MIG_* requests; pick another suffix");
        }
        return suffix;
    }

    private static CpuPolicy parseCpuPolicy(String key, String value) {
        if (value.equals("mixed")) {
            throw new InvalidExtraSpecException(key, "'mixed' is not supported here; use 'dedicated' (every vCPU "
                    + "pinned, counted as PCPU) or 'shared'");
        }
        return CpuPolicy.fromWireValue(value).orElseThrow(() -> new InvalidExtraSpecException(key, "'" + value
                + "' is not a CPU policy; use 'dedicated' or 'shared'"));
    }

    private static int parseWholeNumber(String key, String value) {
        if (WHOLE_NUMBER.matcher(value).matches()) {
            long number = Long.parseLong(value);
            if (number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        }
        throw new InvalidExtraSpecException(key, "'" + value + "' is not a whole number from 0 to "
                + Integer.MAX_VALUE);
    }

    private static void requireExactKey(String key, String expected) {
        if (!key.equals(expected)) {
            throw new InvalidExtraSpecException(key, "not a known key; did you mean '" + expected
                    + "'? (keys are case-sensitive)");
        }
    }
}
