package io.gpucloud.scheduler.api;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.FaultHandlerSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every Placement failure as {@code {"errors": [{"status", "title", "detail", "code", "request_id"}]}}.
 * A 406 for an unsupported microversion also carries {@code min_version} and {@code max_version}:
 * osc-placement negotiates its version from them.
 */
@RestControllerAdvice
public class PlacementFaults extends FaultHandlerSupport {

    public PlacementFaults() {
        super(FaultDialect.PLACEMENT);
    }

    @Override
    @ExceptionHandler(ApiException.class)
    @SuppressWarnings("unchecked")
    public ResponseEntity<Map<String, Object>> apiException(ApiException e) {
        ResponseEntity<Map<String, Object>> fault = super.apiException(e);
        if (e.status() != 406) {
            return fault;
        }
        Map<String, Object> error = new LinkedHashMap<>(((List<Map<String, Object>>) fault.getBody().get("errors")).get(0));
        error.put("min_version", PlacementVersions.MINIMUM.toString());
        error.put("max_version", PlacementVersions.MAXIMUM.toString());
        return ResponseEntity.status(406).headers(fault.getHeaders()).body(Map.of("errors", List.of(error)));
    }
}
