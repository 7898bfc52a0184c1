package io.gpucloud.common.testing;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real server that a test can cut off and restore, to simulate an outage of, e.g.,
 * the broker without stopping it for everybody else:
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.toRabbitMq()) {
 *     // point spring.rabbitmq.port at proxy.port()
 *     proxy.disconnect();   // open connections die, new ones are refused
 *     proxy.reconnect();    // new connections work again
 * }
 * }</pre>
 * Listens on 127.0.0.1 on a free port. The RabbitMQ target is 127.0.0.1:5672 unless the environment
 * variable {@code CLOUD_TEST_RABBIT} says {@code host:port}.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private volatile boolean connected = true;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy to the given server. */
    public static TcpProxy start(String targetHost, int targetPort) {
        try {
            return new TcpProxy(new InetSocketAddress(requireNonNull(targetHost, "targetHost is null"), targetPort));
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot open a proxy port", e);
        }
    }

    /** Starts a proxy to the test RabbitMQ. */
    public static TcpProxy toRabbitMq() {
        String hostAndPort = System.getenv().getOrDefault("CLOUD_TEST_RABBIT", "127.0.0.1:5672");
        int colon = hostAndPort.lastIndexOf(':');
        return start(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /** The local port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** Closes every proxied connection and refuses new ones until {@link #reconnect()}. */
    public void disconnect() {
        connected = false;
        openSockets.forEach(TcpProxy::closeQuietly);
        openSockets.clear();
    }

    /** Accepts and forwards new connections again. */
    public void reconnect() {
        connected = true;
    }

    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        disconnect();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            }
            catch (SocketException closed) {
                return; // close() closed the server socket
            }
            catch (IOException e) {
                continue; // a client that went away during the handshake; keep serving the others
            }
            if (!connected) {
                // Accept and close at once: the client sees the connection drop, as with a dead broker.
                closeQuietly(client);
                continue;
            }
            forward(client);
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        }
        catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        openSockets.add(client);
        openSockets.add(upstream);
        if (!connected) {
            // disconnect() ran while this connection was being set up.
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        startPump(client, upstream, "up");
        startPump(upstream, client, "down");
    }

    private void startPump(Socket from, Socket to, String direction) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException e) {
                // The other side or disconnect() closed the connection; closing both ends below ends it.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                openSockets.remove(from);
                openSockets.remove(to);
            }
        }, "tcp-proxy-" + port() + "-" + direction);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        }
        catch (IOException e) {
            // Closing a socket that is already broken can fail; it is closed either way, nothing to do.
        }
    }
}
