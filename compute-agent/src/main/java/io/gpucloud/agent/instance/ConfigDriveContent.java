package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import io.gpucloud.agent.domain.BuildRefusedException;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the guest reads from its config drive, in OpenStack's layout so cloud-init's ConfigDrive data source finds
 * it: {@code openstack/latest/meta_data.json} (uuid, name, hostname, public keys, user metadata) and
 * {@code openstack/latest/user_data} (the API's base64 decoded, only when given).
 */
public record ConfigDriveContent(byte[] metaDataJson, Optional<byte[]> userData) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int HOSTNAME_MAX = 63;

    public ConfigDriveContent {
        requireNonNull(metaDataJson, "metaDataJson is null");
        requireNonNull(userData, "userData is null");
    }

    /** @throws BuildRefusedException when the user data is not base64 */
    public static ConfigDriveContent of(BuildInstance build) {
        BuildSpec spec = build.build();
        String name = spec == null || spec.name() == null ? "" : spec.name();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uuid", build.instanceUuid().toString());
        meta.put("name", name);
        meta.put("hostname", hostname(name, build));
        meta.put("launch_index", 0);
        if (build.projectId() != null) {
            meta.put("project_id", build.projectId());
        }
        Map<String, String> publicKeys = new TreeMap<>();
        if (spec != null && spec.publicKey() != null && !spec.publicKey().isBlank()) {
            String keyName = spec.keyName() == null || spec.keyName().isBlank() ? "default" : spec.keyName();
            publicKeys.put(keyName, spec.publicKey());
            meta.put("keys", List.of(Map.of("name", keyName, "type", "ssh", "data", spec.publicKey())));
        }
        meta.put("public_keys", publicKeys);
        meta.put("meta", spec == null ? Map.of() : new TreeMap<>(spec.metadata()));
        byte[] json = JSON.writeValueAsString(meta).getBytes(StandardCharsets.UTF_8);
        return new ConfigDriveContent(json, userData(spec));
    }

    /**
     * The guest's host name from the server's name, as a DNS label ({@code My Server_1} → {@code my-server-1}),
     * or {@code instance-<first 8 of uuid>} when nothing usable is left.
     */
    static String hostname(String name, BuildInstance build) {
        String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+", "");
        if (label.length() > HOSTNAME_MAX) {
            label = label.substring(0, HOSTNAME_MAX);
        }
        label = label.replaceAll("-+$", "");
        return label.isEmpty() ? "instance-" + build.instanceUuid().toString().substring(0, 8) : label;
    }

    private static Optional<byte[]> userData(BuildSpec spec) {
        if (spec == null || spec.userData() == null || spec.userData().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(spec.userData().strip()));
        } catch (IllegalArgumentException e) {
            throw new BuildRefusedException("user data is not valid base64: " + e.getMessage());
        }
    }
}
