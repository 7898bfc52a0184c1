package io.gpucloud.compute.placement;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.common.placement.PlacementClient;
import io.gpucloud.common.placement.PlacementException;
import java.net.URI;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Placement as the compute API reaches it: with its service account ({@code cloud.service-auth.*}) at
 * {@code cloud.compute.placement-url}. Without an account, or when Placement fails, callers get a 503 in the
 * compute API's fault format rather than an error page.
 */
@Component
public class ComputePlacement {

    private final PlacementClient client;

    public ComputePlacement(ObjectProvider<TokenSource> tokens, JsonMapper json,
            @Value("${cloud.compute.placement-url:http://127.0.0.1:8778}") URI placementUrl) {
        TokenSource source = tokens.getIfAvailable();
        this.client = source == null ? null : new PlacementClient(placementUrl, source, json);
    }

    /** Runs {@code call} against Placement; a 503 {@link ApiException} when there is no account or it fails. */
    public <T> T call(String what, Function<PlacementClient, T> call) {
        if (client == null) {
            throw new ApiException(503, null, what + " needs Placement; this compute API has no service account"
                    + " (cloud.service-auth.*) to ask it with.");
        }
        try {
            return call.apply(client);
        }
        catch (PlacementException e) {
            throw new ApiException(503, null, what + ": Placement answered " + e.getMessage());
        }
    }
}
