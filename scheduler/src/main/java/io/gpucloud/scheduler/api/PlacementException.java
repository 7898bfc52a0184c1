package io.gpucloud.scheduler.api;

import io.gpucloud.common.api.ApiException;

/** An {@link ApiException} with one of Placement's stable error codes. */
public class PlacementException extends ApiException {

    public PlacementException(int status, PlacementErrorCode code, String message) {
        super(status, code.code(), message);
    }

    public static PlacementException badRequest(String message) {
        return new PlacementException(400, PlacementErrorCode.UNDEFINED, message);
    }

    public static PlacementException badQuery(String message) {
        return new PlacementException(400, PlacementErrorCode.QUERY_BAD_VALUE, message);
    }

    public static PlacementException notFound(String message) {
        return new PlacementException(404, PlacementErrorCode.UNDEFINED, message);
    }

    public static PlacementException conflict(PlacementErrorCode code, String message) {
        return new PlacementException(409, code, message);
    }

    public static PlacementException concurrentUpdate(String what) {
        return new PlacementException(409, PlacementErrorCode.CONCURRENT_UPDATE,
                what + " was changed by another request (generation conflict); reload it and retry.");
    }
}
