package io.gpucloud.compute.api;

import io.gpucloud.common.api.FaultDialect;
import io.gpucloud.common.api.FaultHandlerSupport;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every compute API failure in Nova's shape: {@code {"itemNotFound": {"code": 404, "message": "…"}}}. */
@RestControllerAdvice
public class ComputeFaults extends FaultHandlerSupport {

    public ComputeFaults() {
        super(FaultDialect.NOVA);
    }
}
