package io.gpucloud.scheduler.candidate;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementErrorCode;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /allocation_candidates} read for one microversion into an
 * {@link AllocationCandidateRequest}. What each version allows:
 * <pre>
 * 1.10 resources                    1.25 resourcesN, requiredN, member_ofN, group_policy
 * 1.16 limit                        1.31 in_tree, in_treeN
 * 1.17 required                     1.32 !member_of (forbidden aggregates)
 * 1.21 member_of (uuid or in:a,b)   1.33 string suffixes: resources_GPU, [a-zA-Z0-9_-]{1,64}
 * 1.22 !TRAIT in required           1.35 root_required
 * 1.24 member_of repeated (AND)     1.36 same_subtree; resourceless groups named in it
 *                                   1.39 required=in:A,B (any of), required repeated (AND)
 * </pre>
 * A parameter the version does not know is {@code placement.query.unknown_key}, one given twice where one
 * is allowed {@code placement.query.duplicate_key}, any malformed value {@code placement.query.bad_value}.
 *
 * @param requestedClasses every class any group asks for (summaries list only these before 1.27)
 */
record AllocationCandidateQuery(AllocationCandidateRequest request, Set<String> requestedClasses) {

    private static final Pattern GROUP_PARAMETER = Pattern.compile("^(resources|required|member_of|in_tree)(.*)$");
    private static final Pattern NUMERIC_SUFFIX = Pattern.compile("^[1-9][0-9]*$");
    private static final Pattern STRING_SUFFIX = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Pattern NAME = Pattern.compile("^[A-Z0-9_]+$");
    private static final Pattern AMOUNT = Pattern.compile("^[1-9][0-9]{0,8}$");

    static AllocationCandidateQuery parse(QueryParameters query, ApiVersion version) {
        query.allowOnly(name -> allowed(name, version));

        Map<String, GroupBuilder> groups = new TreeMap<>();
        for (String name : query.names()) {
            Matcher m = GROUP_PARAMETER.matcher(name);
            if (m.matches()) {
                groups.computeIfAbsent(m.group(2), GroupBuilder::new).read(m.group(1), query, name, version);
            }
        }

        List<Set<String>> sameSubtrees = new ArrayList<>();
        for (String value : query.all("same_subtree")) {
            Set<String> suffixes = new LinkedHashSet<>();
            for (String suffix : value.split(",", -1)) {
                if (suffix.isEmpty()) {
                    throw badValue("Invalid same_subtree value '" + value + "': expected suffixes such as _GPU1,_GPU2.");
                }
                suffixes.add(suffix);
            }
            sameSubtrees.add(suffixes);
        }
        Set<String> inSameSubtree = new HashSet<>();
        sameSubtrees.forEach(inSameSubtree::addAll);

        List<RequestGroup> built = new ArrayList<>();
        Set<String> requestedClasses = new LinkedHashSet<>();
        for (GroupBuilder group : groups.values()) {
            if (group.resources.isEmpty()) {
                boolean resourcelessAllowed = version.atLeast(1, 36) && !group.suffix.isEmpty()
                        && inSameSubtree.contains(group.suffix);
                if (!resourcelessAllowed) {
                    throw badValue("All traits, member_of and in_tree parameters must be associated with resources. "
                            + "Found such parameters without resources" + (group.suffix.isEmpty() ? "" : group.suffix)
                            + ".");
                }
            }
            requestedClasses.addAll(group.resources.keySet());
            built.add(group.build());
        }
        if (requestedClasses.isEmpty()) {
            throw badValue(version.atLeast(1, 25)
                    ? "At least one resources or resources{suffix} parameter must be given."
                    : "The 'resources' parameter is required.");
        }

        long granular = built.stream().filter(RequestGroup::isGranular).count();
        Optional<String> groupPolicy = query.single("group_policy");
        if (granular > 1 && groupPolicy.isEmpty()) {
            throw badValue("The \"group_policy\" parameter is required when specifying more than one "
                    + "\"resources{suffix}\" parameter.");
        }
        boolean isolate = false;
        if (groupPolicy.isPresent()) {
            switch (groupPolicy.get()) {
                case "isolate" -> isolate = true;
                case "none" -> isolate = false;
                default -> throw badValue("Invalid group_policy '" + groupPolicy.get() + "': expected none or isolate.");
            }
        }

        OptionalInt limit = OptionalInt.empty();
        Optional<String> limitText = query.single("limit");
        if (limitText.isPresent()) {
            if (!AMOUNT.matcher(limitText.get()).matches()) {
                throw badValue("Invalid limit '" + limitText.get() + "': expected a positive integer.");
            }
            limit = OptionalInt.of(Integer.parseInt(limitText.get()));
        }

        Set<String> rootRequired = new HashSet<>();
        Set<String> rootForbidden = new HashSet<>();
        Optional<String> root = query.single("root_required");
        if (root.isPresent()) {
            for (String item : root.get().split(",", -1)) {
                boolean forbidden = item.startsWith("!");
                String trait = forbidden ? item.substring(1) : item;
                requireName(trait, "root_required", root.get());
                (forbidden ? rootForbidden : rootRequired).add(trait);
            }
            requireNoConflict(rootRequired, rootForbidden, "root_required");
        }

        return new AllocationCandidateQuery(new AllocationCandidateRequest(built, isolate, limit, rootRequired,
                rootForbidden, sameSubtrees, version.atLeast(1, 29)), requestedClasses);
    }

    /** Whether the microversion knows a parameter name. */
    static boolean allowed(String name, ApiVersion version) {
        switch (name) {
            case "limit":
                return version.atLeast(1, 16);
            case "group_policy":
                return version.atLeast(1, 25);
            case "root_required":
                return version.atLeast(1, 35);
            case "same_subtree":
                return version.atLeast(1, 36);
            default:
                break;
        }
        Matcher m = GROUP_PARAMETER.matcher(name);
        if (!m.matches()) {
            return false;
        }
        boolean known = switch (m.group(1)) {
            case "resources" -> true;
            case "required" -> version.atLeast(1, 17);
            case "member_of" -> version.atLeast(1, 21);
            default -> version.atLeast(1, 31); // in_tree
        };
        String suffix = m.group(2);
        if (!known || suffix.isEmpty()) {
            return known;
        }
        return version.atLeast(1, 33) ? STRING_SUFFIX.matcher(suffix).matches()
                : version.atLeast(1, 25) && NUMERIC_SUFFIX.matcher(suffix).matches();
    }

    /** The parameters of one suffix, as they are read. */
    private static final class GroupBuilder {
        final String suffix;
        final Map<String, Integer> resources = new LinkedHashMap<>();
        final List<Set<String>> required = new ArrayList<>();
        final Set<String> forbidden = new LinkedHashSet<>();
        final List<Set<UUID>> memberOf = new ArrayList<>();
        final Set<UUID> forbiddenAggregates = new LinkedHashSet<>();
        Optional<UUID> inTree = Optional.empty();

        GroupBuilder(String suffix) {
            this.suffix = suffix;
        }

        void read(String kind, QueryParameters query, String name, ApiVersion version) {
            switch (kind) {
                case "resources" -> readResources(name, query.single(name).orElseThrow());
                case "required" -> {
                    List<String> values = version.atLeast(1, 39) ? query.all(name) : List.of(query.single(name).orElseThrow());
                    for (String value : values) {
                        readRequired(name, value, version);
                    }
                    Set<String> plain = new HashSet<>();
                    required.stream().filter(s -> s.size() == 1).forEach(plain::addAll);
                    requireNoConflict(plain, forbidden, name);
                }
                case "member_of" -> {
                    List<String> values = version.atLeast(1, 24) ? query.all(name) : List.of(query.single(name).orElseThrow());
                    for (String value : values) {
                        readMemberOf(name, value, version);
                    }
                }
                default -> inTree = Optional.of(uuid(name, query.single(name).orElseThrow()));
            }
        }

        private void readResources(String name, String value) {
            for (String item : value.split(",", -1)) {
                int colon = item.indexOf(':');
                if (colon <= 0) {
                    throw badValue("Badly formed " + name + " parameter. Expected " + name
                            + " query string parameter in form: ?" + name + "=VCPU:2,MEMORY_MB:1024. Got: " + value + ".");
                }
                String resourceClass = item.substring(0, colon);
                String amount = item.substring(colon + 1);
                if (!NAME.matcher(resourceClass).matches()) {
                    throw badValue("Invalid resource class in " + name + " parameter: " + resourceClass + ".");
                }
                if (!AMOUNT.matcher(amount).matches()) {
                    throw badValue("Requested resource " + resourceClass + " expected positive integer amount. Got: "
                            + amount + ".");
                }
                if (resources.put(resourceClass, Integer.parseInt(amount)) != null) {
                    throw badValue("Resource class " + resourceClass + " is given twice in " + name + ".");
                }
            }
        }

        private void readRequired(String name, String value, ApiVersion version) {
            if (value.startsWith("in:")) {
                if (!version.atLeast(1, 39)) {
                    throw badValue("Invalid " + name + " value '" + value + "': 'in:' needs microversion 1.39.");
                }
                Set<String> anyOf = new LinkedHashSet<>();
                for (String trait : value.substring(3).split(",", -1)) {
                    requireName(trait, name, value);
                    anyOf.add(trait);
                }
                required.add(anyOf);
                return;
            }
            for (String item : value.split(",", -1)) {
                boolean isForbidden = item.startsWith("!");
                if (isForbidden && !version.atLeast(1, 22)) {
                    throw badValue("Invalid " + name + " value '" + value + "': forbidden traits need microversion 1.22.");
                }
                String trait = isForbidden ? item.substring(1) : item;
                requireName(trait, name, value);
                if (isForbidden) {
                    forbidden.add(trait);
                } else {
                    required.add(Set.of(trait));
                }
            }
        }

        private void readMemberOf(String name, String value, ApiVersion version) {
            boolean isForbidden = value.startsWith("!");
            if (isForbidden && !version.atLeast(1, 32)) {
                throw badValue("Invalid " + name + " value '" + value + "': forbidden aggregates need microversion 1.32.");
            }
            String rest = isForbidden ? value.substring(1) : value;
            Set<UUID> aggregates = new LinkedHashSet<>();
            if (rest.startsWith("in:")) {
                for (String uuid : rest.substring(3).split(",", -1)) {
                    aggregates.add(uuid(name, uuid));
                }
            } else {
                aggregates.add(uuid(name, rest));
            }
            if (isForbidden) {
                forbiddenAggregates.addAll(aggregates);
            } else {
                memberOf.add(aggregates);
            }
        }

        RequestGroup build() {
            return new RequestGroup(suffix, resources, required, forbidden, memberOf, forbiddenAggregates, inTree);
        }
    }

    private static void requireName(String trait, String parameter, String value) {
        if (!NAME.matcher(trait).matches()) {
            throw badValue("Invalid " + parameter + " value '" + value + "': expected trait names such as "
                    + "HW_CPU_X86_VMX,CUSTOM_MAGIC.");
        }
    }

    private static void requireNoConflict(Set<String> required, Set<String> forbidden, String parameter) {
        Set<String> both = new HashSet<>(required);
        both.retainAll(forbidden);
        if (!both.isEmpty()) {
            throw badValue("Conflicting required and forbidden traits found in " + parameter + ": " + both + ".");
        }
    }

    private static UUID uuid(String parameter, String text) {
        try {
            if (text.length() != 36 && text.length() != 32) {
                throw new IllegalArgumentException(text);
            }
            return UUID.fromString(text.length() == 32
                    ? text.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5") : text);
        } catch (IllegalArgumentException e) {
            throw badValue("Invalid " + parameter + " value '" + text + "': expected a uuid.");
        }
    }

    private static PlacementException badValue(String message) {
        return new PlacementException(400, PlacementErrorCode.QUERY_BAD_VALUE, message);
    }
}
