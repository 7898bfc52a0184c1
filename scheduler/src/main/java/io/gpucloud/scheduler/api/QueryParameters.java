package io.gpucloud.scheduler.api;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A request's query string read Placement's strict way: a parameter not allowed here is a 400
 * ({@code placement.query.unknown_key}), a parameter given twice where one is allowed is a 400
 * ({@code placement.query.duplicate_key}).
 */
public final class QueryParameters {

    private final Map<String, String[]> parameters;

    private QueryParameters(Map<String, String[]> parameters) {
        this.parameters = parameters;
    }

    public static QueryParameters of(HttpServletRequest request) {
        return new QueryParameters(request.getParameterMap());
    }

    /** Rejects any parameter the predicate does not accept (e.g. names allowed at this microversion). */
    public QueryParameters allowOnly(Predicate<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.test(name)) {
                throw new PlacementException(400, PlacementErrorCode.QUERY_UNKNOWN_KEY,
                        "Invalid query string parameters: '" + name + "' is not allowed here at this microversion.");
            }
        }
        return this;
    }

    public QueryParameters allowOnly(Set<String> allowed) {
        return allowOnly(allowed::contains);
    }

    /** The value of a parameter that may appear at most once. */
    public Optional<String> single(String name) {
        String[] values = parameters.get(requireNonNull(name, "name is null"));
        if (values == null) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw new PlacementException(400, PlacementErrorCode.QUERY_DUPLICATE_KEY,
                    "Query parameter '" + name + "' may be given only once.");
        }
        return Optional.of(values[0]);
    }

    /** Every value of a parameter that may repeat (e.g. member_of from 1.24). */
    public List<String> all(String name) {
        String[] values = parameters.get(name);
        return values == null ? List.of() : List.of(values);
    }

    public Set<String> names() {
        return parameters.keySet();
    }
}
