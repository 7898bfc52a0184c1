package io.gpucloud.common.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault body of each OpenStack API family. One renderer per wire dialect, so every service
 * answers errors in the shape its clients parse.
 */
public enum FaultDialect {

    /** Keystone: {@code {"error": {"code": 401, "title": "Unauthorized", "message": "…"}}}. */
    KEYSTONE {
        @Override
        public Map<String, Object> body(int status, String code, String message, String requestId) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", status);
            error.put("title", HttpStatusTitles.title(status));
            error.put("message", message);
            return Map.of("error", error);
        }
    },

    /** Nova, Cinder, Magnum: {@code {"badRequest": {"code": 400, "message": "…"}}}. */
    NOVA {
        @Override
        public Map<String, Object> body(int status, String code, String message, String requestId) {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("code", status);
            fault.put("message", message);
            return Map.of(novaFaultName(status), fault);
        }
    },

    /**
     * Placement and Ironic-style lists: {@code {"errors": [{"status", "title", "detail", "code",
     * "request_id"}]}}.
     */
    PLACEMENT {
        @Override
        public Map<String, Object> body(int status, String code, String message, String requestId) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("status", status);
            error.put("title", HttpStatusTitles.title(status));
            error.put("detail", message);
            error.put("code", code == null ? "placement.undefined_code" : code);
            error.put("request_id", requestId);
            return Map.of("errors", List.of(error));
        }
    };

    public abstract Map<String, Object> body(int status, String code, String message, String requestId);

    /** Nova names the fault object after the error kind. */
    static String novaFaultName(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "itemNotFound";
            case 405 -> "badMethod";
            case 406 -> "notAcceptable";
            case 409 -> "conflictingRequest";
            case 413 -> "overLimit";
            case 415 -> "badMediaType";
            case 501 -> "notImplemented";
            case 503 -> "serviceUnavailable";
            default -> status >= 500 ? "computeFault" : "badRequest";
        };
    }
}
