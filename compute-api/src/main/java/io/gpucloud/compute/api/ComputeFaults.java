package io.gpucloud.compute.api;

import io.gpucloud.common.api.ApiException;
import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.FaultHandlerSupport;
import io.gpucloud.compute.server.InstanceStateConflictException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every compute API failure in Nova's shape: {@code {"itemNotFound": {"code": 404, "message": "…"}}}. */
@RestControllerAdvice
public class ComputeFaults extends FaultHandlerSupport {

    public ComputeFaults() {
        super(FaultDialect.NOVA);
    }

    /** An action the instance's state does not allow: 409 conflictingRequest with the lifecycle's message. */
    @ExceptionHandler(InstanceStateConflictException.class)
    public ResponseEntity<Map<String, Object>> stateConflict(InstanceStateConflictException e) {
        return apiException(ApiException.conflict(e.getMessage()));
    }
}
