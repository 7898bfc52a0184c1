package io.gpucloud.objectstorage.s3;

import static java.util.Objects.requireNonNull;

import io.gpucloud.common.web.RequestIdFilter;
import io.gpucloud.objectstorage.s3.auth.PayloadDecoder;
import io.gpucloud.objectstorage.s3.auth.SignedRequest;
import io.gpucloud.objectstorage.s3.auth.SigV4Verifier;
import io.gpucloud.objectstorage.s3.auth.VerifiedRequest;
import io.gpucloud.objectstorage.store.StorageException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The S3 API's front door. For each S3 request: an {@code x-amz-request-id}; the SigV4 signature verified
 * over the raw request line and headers (an anonymous request is AccessDenied: there are no public buckets);
 * then the operation, chosen by {@link S3Dispatcher}. Every failure becomes S3's XML error. Other requests
 * (Swift, /info, actuator) pass on down the chain.
 */
final class S3RequestFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "x-amz-request-id";
    private static final Logger log = LoggerFactory.getLogger(S3RequestFilter.class);

    private final SigV4Verifier verifier;
    private final PayloadDecoder payloads;
    private final S3Dispatcher dispatcher;

    S3RequestFilter(SigV4Verifier verifier, PayloadDecoder payloads, S3Dispatcher dispatcher) {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.payloads = requireNonNull(payloads, "payloads is null");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!S3Routing.isS3(request)) {
            chain.doFilter(request, response);
            return;
        }
        String requestId = RequestIdFilter.currentRequestId();
        response.setHeader(REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString());
        response.setHeader("x-amz-id-2", response.getHeader(REQUEST_ID));
        try {
            String rawPath = request.getRequestURI().substring(request.getContextPath().length());
            SignedRequest signed = new SignedRequest(request.getMethod(), rawPath, request.getQueryString(), headers(request));
            VerifiedRequest verified = verifier.verify(signed);
            S3Path path = S3Path.of(rawPath, request.getQueryString());
            dispatcher.serve(new S3Request(request, response, path, signed, verified, payloads));
        } catch (S3Exception | StorageException | io.gpucloud.objectstorage.s3.auth.S3AuthException e) {
            log.debug("S3 {} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
            S3Errors.write(request, response, e);
        } catch (IOException e) {
            // Most often the client went away mid-transfer; nothing can be answered then.
            log.debug("S3 {} {}: I/O failure: {}", request.getMethod(), request.getRequestURI(), e.toString());
            if (!response.isCommitted()) {
                S3Errors.write(request, response, new S3Exception(S3Error.INCOMPLETE_BODY, "The request body could not be read."));
            }
        } catch (RuntimeException e) {
            log.error("S3 {} {} failed", request.getMethod(), request.getRequestURI(), e);
            S3Errors.write(request, response, e);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
