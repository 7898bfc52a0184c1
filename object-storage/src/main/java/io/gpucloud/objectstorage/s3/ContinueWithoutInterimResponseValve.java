package io.gpucloud.objectstorage.s3;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Keeps Tomcat from answering {@code Expect: 100-continue} on S3 requests. Tomcat's interim response is
 * {@code HTTP/1.1 100 } without a reason phrase, which botocore (awscli) does not recognise as "100
 * Continue": it then never sends the body and the upload hangs until the connection drops. Without an
 * interim response a client waits briefly (botocore: one second) and sends the body anyway, which RFC 9110
 * provides for. Errors found before the body is read (no such bucket, bad signature) are still answered
 * at once. A proxy in front (which answers 100 Continue itself) removes the wait.
 */
final class ContinueWithoutInterimResponseValve extends ValveBase {

    ContinueWithoutInterimResponseValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getCoyoteRequest().hasExpectation() && S3Routing.isS3(request)) {
            request.getCoyoteRequest().setExpectation(false);
        }
        getNext().invoke(request, response);
    }
}
