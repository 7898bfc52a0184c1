package io.gpucloud.objectstorage.store;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The jsonb columns' shapes: user metadata as a flat object, a segment list as an array of objects. */
@Component
class JsonColumns {

    private static final TypeReference<TreeMap<String, String>> METADATA = new TypeReference<>() {
    };

    private record SegmentColumn(String container, String name, long size, String etag) {
    }

    private static final TypeReference<List<SegmentColumn>> SEGMENTS = new TypeReference<>() {
    };

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    String metadata(UserMetadata metadata) {
        return json.writeValueAsString(metadata.values());
    }

    UserMetadata metadata(String column) {
        return column == null ? UserMetadata.EMPTY : new UserMetadata(json.readValue(column, METADATA));
    }

    String segments(List<Segment> segments) {
        if (segments == null) {
            return null;
        }
        return json.writeValueAsString(segments.stream()
                .map(s -> new SegmentColumn(s.container(), s.name(), s.size(), s.etag())).toList());
    }

    List<Segment> segments(String column) {
        if (column == null) {
            return null;
        }
        List<Segment> segments = new ArrayList<>();
        for (SegmentColumn s : json.readValue(column, SEGMENTS)) {
            segments.add(new Segment(s.container(), s.name(), s.size(), s.etag()));
        }
        return segments;
    }
}
