package io.gpucloud.compute.image;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.auth.AuthContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An image being created or patched: Glance's rules for each attribute in one place. Base attributes are checked
 * for type and range, read-only and reserved ones are refused with 403 as Glance does, and any other name is an
 * extra property whose value must be a string.
 */
final class ImageDraft {

    static final Set<String> READ_ONLY = Set.of("status", "size", "virtual_size", "checksum", "os_hash_algo",
            "os_hash_value", "created_at", "updated_at", "file", "self", "schema", "direct_url", "locations",
            "stores");
    static final Set<String> RESERVED = Set.of("deleted", "deleted_at", "location");
    static final Set<String> DISK_FORMATS =
            Set.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop");
    static final Set<String> CONTAINER_FORMATS =
            Set.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed");
    private static final int MAX_NAME = 255;
    private static final int MAX_PROPERTY_VALUE = 65535;
    private static final int MAX_TAGS = 128;

    private final UUID id;
    private final ImageStatus status;
    private final Instant createdAt;
    private String name;
    private ImageVisibility visibility;
    private String owner;
    private String diskFormat;
    private String containerFormat;
    private int minDisk;
    private int minRam;
    private boolean isProtected;
    private boolean hidden;
    private List<String> tags;
    private final Map<String, String> properties;
    private final Image original;

    private ImageDraft(Image image) {
        this.original = image;
        this.id = image.id();
        this.status = image.status();
        this.createdAt = image.createdAt();
        this.name = image.name();
        this.visibility = image.visibility();
        this.owner = image.owner();
        this.diskFormat = image.diskFormat();
        this.containerFormat = image.containerFormat();
        this.minDisk = image.minDiskGb();
        this.minRam = image.minRamMb();
        this.isProtected = image.isProtected();
        this.hidden = image.hidden();
        this.tags = new ArrayList<>(image.tags());
        this.properties = new TreeMap<>(image.properties());
    }

    static ImageDraft of(Image image) {
        return new ImageDraft(image);
    }

    /** A new, queued image of the caller's project, "shared" as Glance defaults (so: seen by its owner only). */
    static ImageDraft create(UUID id, String owner, Instant now) {
        return new ImageDraft(new Image(id, null, ImageStatus.QUEUED, ImageVisibility.SHARED, owner, null, null,
                null, null, null, 0, 0, false, false, List.of(), Map.of(), now, now));
    }

    Image build(Instant updatedAt) {
        return new Image(id, name, status, visibility, owner, diskFormat, containerFormat, original.size(),
                original.checksum(), original.hashValue(), minDisk, minRam, isProtected, hidden, tags, properties,
                createdAt, updatedAt);
    }

    /** Sets an attribute (JSON patch "add" and "replace" of a base attribute, or a key of a create body). */
    void set(String attribute, JsonNode value, AuthContext caller) {
        refuseReadOnly(attribute);
        switch (attribute) {
            case "name" -> name = nullableString(attribute, value, MAX_NAME);
            case "visibility" -> visibility = visibility(value, caller);
            case "owner" -> owner = owner(value, caller);
            case "disk_format" -> diskFormat = format(attribute, value, DISK_FORMATS);
            case "container_format" -> containerFormat = format(attribute, value, CONTAINER_FORMATS);
            case "min_disk" -> minDisk = nonNegative(attribute, value);
            case "min_ram" -> minRam = nonNegative(attribute, value);
            case "protected" -> isProtected = bool(attribute, value);
            case "os_hidden" -> hidden = bool(attribute, value);
            case "tags" -> tags = tags(value);
            default -> properties.put(attribute, propertyValue(attribute, value));
        }
    }

    /** JSON patch "replace" of an extra property, which must exist. */
    void replace(String attribute, JsonNode value, AuthContext caller) {
        refuseReadOnly(attribute);
        if (isExtraProperty(attribute) && !properties.containsKey(attribute)) {
            throw ApiException.conflict("Property " + attribute + " does not exist.");
        }
        set(attribute, value, caller);
    }

    /** JSON patch "remove": extra properties only. */
    void remove(String attribute) {
        refuseReadOnly(attribute);
        if (!isExtraProperty(attribute)) {
            throw ApiException.forbidden("Attribute '" + attribute + "' cannot be removed.");
        }
        if (properties.remove(attribute) == null) {
            throw ApiException.conflict("Property " + attribute + " does not exist.");
        }
    }

    private static boolean isExtraProperty(String attribute) {
        return !Set.of("name", "visibility", "owner", "disk_format", "container_format", "min_disk", "min_ram",
                "protected", "os_hidden", "tags", "id").contains(attribute);
    }

    private void refuseReadOnly(String attribute) {
        if (READ_ONLY.contains(attribute) || attribute.equals("id")) {
            throw ApiException.forbidden("Attribute '" + attribute + "' is read-only.");
        }
        if (RESERVED.contains(attribute)) {
            throw ApiException.forbidden("Attribute '" + attribute + "' is reserved.");
        }
    }

    private static String nullableString(String attribute, JsonNode value, int maxLength) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': expected a string.");
        }
        if (value.stringValue().length() > maxLength) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': longer than " + maxLength
                    + " characters.");
        }
        return value.stringValue();
    }

    private String format(String attribute, JsonNode value, Set<String> allowed) {
        if (status != ImageStatus.QUEUED) {
            throw ApiException.forbidden("Attribute '" + attribute + "' can be set only before data is uploaded.");
        }
        String format = nullableString(attribute, value, MAX_NAME);
        if (format != null && !allowed.contains(format)) {
            throw ApiException.badRequest("Invalid value '" + format + "' for '" + attribute + "': use one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return format;
    }

    private static ImageVisibility visibility(JsonNode value, AuthContext caller) {
        String text = nullableString("visibility", value, MAX_NAME);
        if (text == null) {
            throw ApiException.badRequest("Invalid value for 'visibility': use private, shared, community or public.");
        }
        ImageVisibility visibility = ImageVisibility.fromWire(text);
        if (visibility == ImageVisibility.PUBLIC && !caller.isAdmin()) {
            throw ApiException.forbidden("You are not authorized to complete publicize_image action.");
        }
        return visibility;
    }

    private String owner(JsonNode value, AuthContext caller) {
        String newOwner = nullableString("owner", value, MAX_NAME);
        if (!caller.isAdmin() && (newOwner == null || !newOwner.equals(caller.projectId()))) {
            throw ApiException.forbidden("Only an admin may give an image to another project.");
        }
        return newOwner;
    }

    private static int nonNegative(String attribute, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': expected a whole number >= 0.");
        }
        return value.intValue();
    }

    private static boolean bool(String attribute, JsonNode value) {
        if (value == null || !value.isBoolean()) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': expected true or false.");
        }
        return value.booleanValue();
    }

    private static List<String> tags(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest("Invalid value for 'tags': expected an array of strings.");
        }
        Set<String> tags = new TreeSet<>();
        for (JsonNode tag : value) {
            tags.add(nullableStringRequired("tags", tag));
        }
        if (tags.size() > MAX_TAGS) {
            throw new ApiException(413, "An image may have at most " + MAX_TAGS + " tags.");
        }
        return new ArrayList<>(tags);
    }

    private static String nullableStringRequired(String attribute, JsonNode value) {
        String text = nullableString(attribute, value, MAX_NAME);
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': expected non-empty strings.");
        }
        return text;
    }

    private static String propertyValue(String attribute, JsonNode value) {
        if (attribute.isEmpty() || attribute.length() > MAX_NAME) {
            throw ApiException.badRequest("Invalid property name '" + attribute + "': 1 to 255 characters.");
        }
        if (value == null || !value.isString()) {
            throw ApiException.badRequest("Invalid value for property '" + attribute + "': expected a string.");
        }
        if (value.stringValue().length() > MAX_PROPERTY_VALUE) {
            throw ApiException.badRequest("Invalid value for property '" + attribute + "': too long.");
        }
        return value.stringValue();
    }
}
