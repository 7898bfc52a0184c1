import io.gpucloud.common.auth.TokenVerifier;
import io.gpucloud.common.testing.TestDatabase;
import io.gpucloud.common.testing.TestTokens;
import io.gpucloud.objectstorage.ObjectStorageApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts object-storage alone for bench/ObjectLoad.java, the way its tests do: a fresh database on the
 * machine's PostgreSQL (common's TestDatabase, dropped on exit), the given data path, and tokens signed by
 * common's TestTokens instead of identity's (no identity needed). It writes a member token for project
 * "bench" to DIR/token (renewed every 20 min: tokens live 1 h) and its pid to DIR/pid.
 *
 * Usage: java -cp "$CP" bench/ObjectStorageServer.java DIR [PORT]   (data under DIR/data)
 * where CP is object-storage's test classpath (see docs/benchmarks.md).
 */
public class ObjectStorageServer {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        Files.createDirectories(dir.resolve("data"));
        TestTokens tokens = new TestTokens();
        TestDatabase database = TestDatabase.create("objbench");
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));

        ObjectStorageApplication.application()
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchTokenVerifier",
                        TokenVerifier.class, tokens::verifier, definition -> definition.setPrimary(true)))
                // As command-line arguments: they take precedence over object-storage.properties.
                .run("--server.port=" + port, "--cloud.db.url=" + database.jdbcUrl(),
                        "--cloud.object.data-path=" + dir.resolve("data"),
                        // No identity: keys are never fetched (the test verifier replaces them).
                        "--cloud.identity.url=http://127.0.0.1:9/v3", "--cloud.identity.key-refresh=PT1H");

        Files.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(() -> {
            try {
                Path tmp = dir.resolve("token.tmp");
                Files.writeString(tmp, tokens.member("bench"));
                Files.move(tmp, dir.resolve("token"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, 0, 20, TimeUnit.MINUTES);
        System.out.println("object-storage ready on port " + port + ", data " + dir.resolve("data"));
    }
}
