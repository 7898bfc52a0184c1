package io.gpucloud.objectstorage.swift;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.auth.AuthContext;
import io.gpucloud.objectstorage.store.AccountService;
import io.gpucloud.objectstorage.store.AccountStats;
import io.gpucloud.objectstorage.store.Container;
import io.gpucloud.objectstorage.store.ContainerService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/AUTH_<project>}: the account's usage and metadata (HEAD, POST) and its container listing (GET).
 * An account that was never written to answers as an empty one.
 */
@RestController
@RequestMapping({"/v1/{account}", "/v1/{account}/"})
class AccountController {

    private final AccountService accounts;
    private final ContainerService containers;
    private final ListingRenderer listings;

    AccountController(AccountService accounts, ContainerService containers, ListingRenderer listings) {
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.containers = requireNonNull(containers, "containers is null");
        this.listings = requireNonNull(listings, "listings is null");
    }

    @RequestMapping(method = RequestMethod.HEAD)
    ResponseEntity<Void> head(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireRead(caller, path);
        return ResponseEntity.noContent().headers(headers(accounts.stats(path.project()))).build();
    }

    /**
     * <pre>
     * [{"name": "photos", "count": 3, "bytes": 2048, "last_modified": "2026-01-01T10:00:00.000000"}]
     * </pre>
     */
    @RequestMapping(method = RequestMethod.GET)
    ResponseEntity<byte[]> list(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireRead(caller, path);
        HttpHeaders headers = headers(accounts.stats(path.project()));
        return listings.render(ListingRenderer.formatOf(request), "account", path.account(), "container",
                containers.list(path.project(), ListingParameters.of(request)), AccountController::fields, headers);
    }

    @RequestMapping(method = RequestMethod.POST)
    ResponseEntity<Void> updateMetadata(AuthContext caller, HttpServletRequest request) {
        SwiftPath path = SwiftPath.of(request);
        SwiftAccess.requireWrite(caller, path);
        SwiftHeaders.MetadataChanges changes = SwiftHeaders.changes(request, "account");
        accounts.updateMetadata(path.project(), changes.set(), changes.remove());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_HTML);
        return ResponseEntity.noContent().headers(headers).build();
    }

    private static Map<String, Object> fields(Container container) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", container.name());
        fields.put("count", container.objectCount());
        fields.put("bytes", container.bytesUsed());
        fields.put("last_modified", SwiftHeaders.listingTime(container.updatedAt()));
        return fields;
    }

    private static HttpHeaders headers(AccountStats stats) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, SwiftHeaders.TEXT_PLAIN);
        headers.set("X-Account-Container-Count", Long.toString(stats.containerCount()));
        headers.set("X-Account-Object-Count", Long.toString(stats.objectCount()));
        headers.set("X-Account-Bytes-Used", Long.toString(stats.bytesUsed()));
        headers.set("X-Timestamp", SwiftHeaders.timestamp(stats.createdAt()));
        if (stats.containerCount() > 0) {
            // Tempest expects all three per-policy headers once a container exists; there is one policy.
            headers.set("X-Account-Storage-Policy-Policy-0-Container-Count", Long.toString(stats.containerCount()));
            headers.set("X-Account-Storage-Policy-Policy-0-Object-Count", Long.toString(stats.objectCount()));
            headers.set("X-Account-Storage-Policy-Policy-0-Bytes-Used", Long.toString(stats.bytesUsed()));
        }
        SwiftHeaders.addMetadata(headers, "account", stats.metadata());
        return headers;
    }
}
