package io.gpucloud.scheduler.provider;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The query string of {@code GET /resource_providers}, read per microversion:
 * <pre>
 * 1.0  name, uuid
 * 1.3  member_of=UUID | member_of=in:UUID,UUID        (one parameter)
 * 1.4  resources=VCPU:4,PGPU:1                         (enough free capacity of each)
 * 1.14 in_tree=UUID
 * 1.18 required=TRAIT,TRAIT
 * 1.22 required=!TRAIT                                 (forbidden)
 * 1.24 member_of may repeat; the parameters are ANDed
 * 1.32 member_of=!UUID | member_of=!in:UUID,UUID       (forbidden aggregates)
 * 1.39 required may repeat (ANDed); required=in:A,B    (any of)
 * </pre>
 * A parameter not yet allowed at the request's microversion is a 400, as is any malformed value.
 */
final class ProviderListQuery {

    private ProviderListQuery() {
    }

    static ProviderFilter parse(QueryParameters query, ApiVersion version, ResourceClassRegistry resourceClasses) {
        query.allowOnly(name -> allowed(name, version));
        Optional<String> name = query.single("name");
        Optional<UUID> uuid = query.single("uuid").map(text -> queryUuid(text, "uuid"));
        Optional<UUID> inTree = query.single("in_tree").map(text -> queryUuid(text, "in_tree"));

        List<Set<UUID>> memberOf = new ArrayList<>();
        Set<UUID> forbiddenAggregates = new LinkedHashSet<>();
        List<String> memberOfValues = query.all("member_of");
        if (memberOfValues.size() > 1 && !version.atLeast(1, 24)) {
            throw PlacementException.badQuery("Multiple member_of parameters are not supported at microversion "
                    + version + "; use 1.24 or later, or one member_of=in:UUID,UUID.");
        }
        for (String value : memberOfValues) {
            readMemberOf(value, version, memberOf, forbiddenAggregates);
        }

        Map<Integer, Integer> resources = query.single("resources")
                .map(value -> readResources(value, resourceClasses)).orElse(Map.of());

        Set<String> requiredTraits = new LinkedHashSet<>();
        Set<String> forbiddenTraits = new LinkedHashSet<>();
        List<Set<String>> anyOfTraits = new ArrayList<>();
        List<String> requiredValues = version.atLeast(1, 39) ? query.all("required")
                : query.single("required").map(List::of).orElse(List.of());
        for (String value : requiredValues) {
            readRequired(value, version, requiredTraits, forbiddenTraits, anyOfTraits);
        }
        return new ProviderFilter(name, uuid, memberOf, forbiddenAggregates, resources, inTree, requiredTraits,
                forbiddenTraits, anyOfTraits);
    }

    private static boolean allowed(String parameter, ApiVersion version) {
        return switch (parameter) {
            case "name", "uuid" -> true;
            case "member_of" -> version.atLeast(1, 3);
            case "resources" -> version.atLeast(1, 4);
            case "in_tree" -> version.atLeast(1, 14);
            case "required" -> version.atLeast(1, 18);
            default -> false;
        };
    }

    /** {@code UUID}, {@code in:UUID,UUID}, and from 1.32 the same after {@code !} (forbidden). */
    private static void readMemberOf(String value, ApiVersion version, List<Set<UUID>> memberOf,
            Set<UUID> forbidden) {
        boolean forbid = value.startsWith("!") && version.atLeast(1, 32);
        String rest = forbid ? value.substring(1) : value;
        boolean anyOf = rest.startsWith("in:");
        if (anyOf) {
            rest = rest.substring(3);
        } else if (rest.contains(",")) {
            throw PlacementException.badQuery("Multiple values for 'member_of' must be prefixed with the 'in:' "
                    + "keyword" + (forbid ? " after '!'" : "") + ". Got: " + value);
        }
        Set<UUID> aggregates = new LinkedHashSet<>();
        for (String text : rest.split(",", -1)) {
            aggregates.add(queryUuid(text, "member_of"));
        }
        if (forbid) {
            forbidden.addAll(aggregates);
        } else {
            memberOf.add(aggregates);
        }
    }

    private static Map<Integer, Integer> readResources(String value, ResourceClassRegistry resourceClasses) {
        Map<Integer, Integer> amounts = new LinkedHashMap<>();
        for (String part : value.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw PlacementException.badQuery("Badly formed resources parameter. Expected resources query string "
                        + "parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: " + value + ".");
            }
            String className = part.substring(0, colon).strip();
            String amountText = part.substring(colon + 1).strip();
            int amount;
            try {
                amount = Integer.parseInt(amountText);
            } catch (NumberFormatException e) {
                amount = 0;
            }
            if (amount < 1) {
                throw PlacementException.badQuery("Requested resource " + className
                        + " expected positive integer amount. Got: " + amountText + ".");
            }
            int classId = resourceClasses.find(className).orElseThrow(() -> PlacementException.badQuery(
                    "Invalid resource class in resources parameter: No such resource class " + className + "."));
            if (amounts.put(classId, amount) != null) {
                throw PlacementException.badQuery("Resource class " + className
                        + " appears more than once in the resources parameter.");
            }
        }
        return amounts;
    }

    /** {@code A,B}, {@code !C} from 1.22, {@code in:A,B} from 1.39 (which may not hold forbidden traits). */
    private static void readRequired(String value, ApiVersion version, Set<String> required, Set<String> forbidden,
            List<Set<String>> anyOf) {
        if (version.atLeast(1, 39) && value.startsWith("in:")) {
            Set<String> group = new LinkedHashSet<>();
            for (String trait : traitNames(value.substring(3), value)) {
                if (trait.startsWith("!")) {
                    throw PlacementException.badQuery("The 'required' parameter may not mix forbidden traits into an "
                            + "'in:' list. Got: " + value);
                }
                group.add(trait);
            }
            anyOf.add(group);
            return;
        }
        for (String trait : traitNames(value, value)) {
            if (trait.startsWith("!")) {
                if (!version.atLeast(1, 22)) {
                    throw PlacementException.badQuery("Invalid query string parameters: Expected 'required' parameter "
                            + "value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + value);
                }
                String name = trait.substring(1);
                if (name.isEmpty()) {
                    throw PlacementException.badQuery("Invalid 'required' parameter: empty trait after '!'. Got: "
                            + value);
                }
                forbidden.add(name);
            } else {
                required.add(trait);
            }
        }
    }

    private static List<String> traitNames(String list, String value) {
        List<String> names = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                throw PlacementException.badQuery("Invalid query string parameters: Expected 'required' parameter "
                        + "value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + value);
            }
            names.add(trimmed);
        }
        return names;
    }

    private static UUID queryUuid(String text, String parameter) {
        try {
            return StrictJson.uuid(text.strip(), parameter);
        } catch (PlacementException e) {
            throw PlacementException.badQuery("Invalid query string parameters: Expected '" + parameter
                    + "' parameter to contain valid UUID(s). Got: " + text);
        }
    }
}
