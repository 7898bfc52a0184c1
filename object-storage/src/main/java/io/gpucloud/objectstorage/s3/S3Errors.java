package io.gpucloud.objectstorage.s3;

import io.gpucloud.objectstorage.s3.auth.S3AuthException;
import io.gpucloud.objectstorage.store.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * S3's error responses: the status and {@code <Error><Code/><Message/><Resource/><RequestId/></Error>}, plus
 * whatever details the error carries (e.g. the StringToSign of a SignatureDoesNotMatch). A HEAD gets the
 * status alone, as HTTP wants. Each storage {@link StorageException.Reason} has its fixed S3 code here.
 */
final class S3Errors {

    private S3Errors() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
            throws IOException {
        if (failure instanceof S3AuthException auth) {
            write(request, response, auth.httpStatus(), auth.errorCode().code(), auth.getMessage(), auth.details());
        } else if (failure instanceof S3Exception s3) {
            write(request, response, s3.error().status(), s3.error().code(), s3.getMessage(), Map.of());
        } else if (failure instanceof StorageException storage) {
            S3Error error = of(storage.reason());
            write(request, response, error.status(), error.code(), storage.getMessage(), Map.of());
        } else {
            write(request, response, 500, S3Error.INTERNAL_ERROR.code(),
                    "We encountered an internal error. Please try again.", Map.of());
        }
    }

    static S3Error of(StorageException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_ACCOUNT, NO_SUCH_CONTAINER -> S3Error.NO_SUCH_BUCKET;
            case NO_SUCH_OBJECT -> S3Error.NO_SUCH_KEY;
            case CONTAINER_NOT_EMPTY -> S3Error.BUCKET_NOT_EMPTY;
            case ETAG_MISMATCH -> S3Error.BAD_DIGEST;
            case TOO_LARGE -> S3Error.ENTITY_TOO_LARGE;
            case INCOMPLETE_BODY -> S3Error.INCOMPLETE_BODY;
            case INVALID_NAME -> S3Error.INVALID_ARGUMENT;
            case INVALID_METADATA -> S3Error.METADATA_TOO_LARGE;
            case INVALID_MANIFEST, INVALID_REQUEST -> S3Error.INVALID_REQUEST;
            case PRECONDITION_FAILED -> S3Error.PRECONDITION_FAILED;
            case SEGMENT_CHANGED -> S3Error.INTERNAL_ERROR;
            case NO_SUCH_UPLOAD -> S3Error.NO_SUCH_UPLOAD;
            case INVALID_PART -> S3Error.INVALID_PART;
            case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
            case PART_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
        };
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
            String message, Map<String, String> details) throws IOException {
        if (response.isCommitted()) {
            return; // a body is already on its way: breaking the connection is all that is left
        }
        response.resetBuffer();
        response.setStatus(status);
        for (String header : new String[] {"ETag", "Last-Modified", "Content-Range", "Accept-Ranges"}) {
            response.setHeader(header, null);
        }
        if ("HEAD".equals(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
        XmlWriter xml = XmlWriter.plainDocument("Error").element("Code", code).element("Message", message);
        details.forEach(xml::element);
        xml.element("Resource", request.getRequestURI()).element("RequestId", response.getHeader(S3RequestFilter.REQUEST_ID));
        byte[] body = xml.finish("Error").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
