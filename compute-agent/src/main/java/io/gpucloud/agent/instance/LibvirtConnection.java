package io.gpucloud.agent.instance;

import static java.util.Objects.requireNonNull;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's read-write libvirt connection, opened on first use and reopened after it was lost (libvirtd
 * restarted), so one outage does not need an agent restart. libvirt connections are thread-safe; one is shared.
 *
 * <p>A test driver connection holds its domains in memory: reopening it starts from the host file again.
 */
public final class LibvirtConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LibvirtConnection.class);

    private final String uri;
    private final boolean reopen;
    private Connect connect; // guarded by this

    private LibvirtConnection(String uri, Connect connect, boolean reopen) {
        this.uri = requireNonNull(uri, "uri is null");
        this.connect = connect;
        this.reopen = reopen;
    }

    /** Opens {@code uri} when first needed. */
    public static LibvirtConnection lazy(String uri) {
        return new LibvirtConnection(uri, null, true);
    }

    /** An open connection that is used as it is and never replaced (tests keep one per simulated host). */
    public static LibvirtConnection of(Connect connect) {
        String uri;
        try {
            uri = connect.getURI();
        } catch (LibvirtException e) {
            uri = "libvirt";
        }
        return new LibvirtConnection(uri, connect, false);
    }

    public String uri() {
        return uri;
    }

    /** The open connection. */
    public synchronized Connect get() {
        if (connect != null && (alive(connect) || !reopen)) {
            return connect;
        }
        if (connect != null) {
            log.warn("libvirt connection {} was lost; reopening it", uri);
            closeQuietly(connect);
            connect = null;
        }
        try {
            connect = new Connect(uri);
            return connect;
        } catch (LibvirtException e) {
            throw new LibvirtUnavailableException("cannot open libvirt connection " + uri + ": " + message(e), e);
        }
    }

    /**
     * Whether a failed call failed because the connection is gone (retry later), rather than because libvirt refused
     * it (tell the user).
     */
    public synchronized boolean lost(LibvirtException failure) {
        ErrorNumber code = failure.getError() == null ? null : failure.getError().getCode();
        if (code == ErrorNumber.VIR_ERR_NO_CONNECT || code == ErrorNumber.VIR_ERR_INVALID_CONN
                || code == ErrorNumber.VIR_ERR_RPC) {
            return true;
        }
        return connect == null || !alive(connect);
    }

    @Override
    public synchronized void close() {
        if (connect != null) {
            closeQuietly(connect);
            connect = null;
        }
    }

    static String message(LibvirtException e) {
        return e.getError() == null || e.getError().getMessage() == null ? String.valueOf(e.getMessage())
                : e.getError().getMessage();
    }

    private static boolean alive(Connect connect) {
        try {
            return connect.isAlive();
        } catch (LibvirtException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Connect connect) {
        try {
            connect.close();
        } catch (LibvirtException e) {
            // Already broken; nothing else to free.
        }
    }
}
