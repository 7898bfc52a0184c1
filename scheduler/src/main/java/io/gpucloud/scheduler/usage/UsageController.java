package io.gpucloud.scheduler.usage;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.api.ApiVersion;
import io.gpucloud.scheduler.api.PlacementException;
import io.gpucloud.scheduler.api.QueryParameters;
import io.gpucloud.scheduler.resourceclass.ResourceClassRegistry;
import io.gpucloud.scheduler.usage.UsageRepository.TypeGrouping;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /usages?project_id=…[&user_id=…][&consumer_type=…]} (1.9; consumer types 1.38). */
@RestController
public class UsageController {

    private static final Pattern CONSUMER_TYPE = Pattern.compile("^([A-Z0-9_]+|all|unknown)$");
    private static final int MAX_LENGTH = 255;

    private final UsageService usages;
    private final ResourceClassRegistry resourceClasses;

    public UsageController(UsageService usages, ResourceClassRegistry resourceClasses) {
        this.usages = requireNonNull(usages, "usages is null");
        this.resourceClasses = requireNonNull(resourceClasses, "resourceClasses is null");
    }

    @GetMapping("/usages")
    public ResponseEntity<Map<String, Object>> totals(ApiVersion version, HttpServletRequest request) {
        if (!version.atLeast(1, 9)) {
            throw PlacementException.notFound("The resource could not be found.");
        }
        boolean byType = version.atLeast(1, 38);
        QueryParameters query = QueryParameters.of(request)
                .allowOnly(byType ? Set.of("project_id", "user_id", "consumer_type") : Set.of("project_id", "user_id"));
        String projectId = query.single("project_id").map(value -> checked("project_id", value))
                .orElseThrow(() -> PlacementException.badQuery(
                        "Invalid query string parameters: 'project_id' is a required property"));
        Optional<String> userId = query.single("user_id").map(value -> checked("user_id", value));
        Optional<String> consumerType = query.single("consumer_type").map(value -> checked("consumer_type", value));
        if (consumerType.isPresent() && !CONSUMER_TYPE.matcher(consumerType.get()).matches()) {
            throw PlacementException.badQuery("Invalid query string parameters: '" + consumerType.get()
                    + "' does not match '" + CONSUMER_TYPE + "'");
        }

        TypeGrouping grouping = !byType ? TypeGrouping.NONE : consumerType.map(type -> switch (type) {
            case "all" -> TypeGrouping.ALL;
            case "unknown" -> TypeGrouping.UNKNOWN;
            default -> TypeGrouping.NAMED;
        }).orElse(TypeGrouping.BY_TYPE);
        UsageService.ProjectUsage usage = usages.find(projectId, userId, grouping, consumerType);
        Map<String, Object> body = byType
                ? UsageViews.byConsumerType(usage.sums(), usage.consumerCounts(), resourceClasses::nameOf)
                : UsageViews.total(usage.sums(), resourceClasses::nameOf);
        return version.atLeast(1, 15)
                ? ResponseEntity.ok().cacheControl(CacheControl.noCache()).lastModified(ZonedDateTime.now()).body(body)
                : ResponseEntity.ok(body);
    }

    private static String checked(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw PlacementException.badQuery("Invalid query string parameters: '" + name + "' must be 1 to "
                    + MAX_LENGTH + " characters long");
        }
        return value;
    }
}
