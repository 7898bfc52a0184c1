package io.gpucloud.objectstorage.http;

import io.gpucloud.objectstorage.store.ObjectReadout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes (a range of) an object's body as the response body, for Swift's and S3's GET alike; the caller has
 * set the status and headers, Content-Length included.
 *
 * <p>A plain object's bytes go file → socket inside the kernel when the connector offers it (Tomcat's NIO
 * connector does): the request attributes below ask Tomcat to {@code sendfile} that range of the file after
 * the controller returns, with no copy through the heap. That is safe against a concurrent overwrite or
 * delete because the file's name only ever means this version's bytes and its removal waits a grace
 * period ({@link ObjectReadout#file()}). Large objects (several files), small bodies (one buffered write is
 * cheaper than a separate sendfile call) and connectors without sendfile are copied through one buffer.
 */
public final class BodySender {

    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    /** Tomcat's DefaultServlet uses the same threshold: below it, the copy costs less than the extra system calls. */
    static final long SENDFILE_MIN_LENGTH = 48 * 1024;

    /** Large enough to keep read and write system calls few, small enough that memory stays flat per request. */
    private static final int BUFFER_SIZE = 128 * 1024;

    private BodySender() {
    }

    /**
     * Sends bytes {@code offset} to {@code offset + length - 1} of the body.
     *
     * @throws ObjectReadout.SegmentChangedException when a large object's segment changed; nothing was written
     *     when the response is not committed yet
     */
    public static void send(HttpServletRequest request, HttpServletResponse response, ObjectReadout readout,
            long offset, long length) throws IOException {
        Optional<Path> file = readout.file();
        if (file.isPresent() && length >= SENDFILE_MIN_LENGTH
                && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            request.setAttribute(SENDFILE_FILENAME, file.get().toString());
            request.setAttribute(SENDFILE_START, offset);
            request.setAttribute(SENDFILE_END, offset + length);
            return;
        }
        try (InputStream body = readout.stream(offset, length)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(length, 1))];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }
}
