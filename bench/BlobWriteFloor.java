import io.gpucloud.objectstorage.store.BlobStore;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What one small object's body costs the machine before any HTTP or database work (issue 6's small-PUT target):
 * THREADS threads call object-storage's own {@code BlobStore.write} (temporary file, copy with MD5, fsync, rename
 * into its shard, fsync of the shard folder) for COUNT bodies of SIZE bytes, then hash the same bodies with MD5
 * alone. Each phase reports objects/s, this process's CPU per object, and the whole machine's CPU per object from
 * /proc/stat (which also counts the kernel's journal and writeback threads that fsync wakes). Five rounds each (the first ones include the JIT).
 *
 * Usage: java -cp "$CP" bench/BlobWriteFloor.java DIR [COUNT=4000] [SIZE=65536] [THREADS=8]
 * where CP is object-storage's classpath (see docs/benchmarks.md) and DIR is on the service's data file system.
 */
public class BlobWriteFloor {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 65536;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        byte[] body = new byte[size];
        new Random(42).nextBytes(body);
        Files.createDirectories(dir);
        BlobStore blobs = new BlobStore(dir);
        for (int round = 1; round <= 5; round++) {
            measure("BlobStore.write", count, threads, () -> blobs.write(new ByteArrayInputStream(body), size, size));
            measure("MD5 alone      ", count, threads, () -> MessageDigest.getInstance("MD5").digest(body));
        }
        try (var files = Files.walk(dir)) {
            System.out.printf("(%d files left under %s; remove it)%n", files.filter(Files::isRegularFile).count(), dir);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    static void measure(String name, int count, int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] machine0 = machineCpuTicks();
        long process0 = processCpuNanos();
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    step.run();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double processMs = (processCpuNanos() - process0) / 1e6 / count;
        long[] machine1 = machineCpuTicks();
        double tickMs = 1000.0 / 100; // USER_HZ is 100 on Linux
        double busyMs = (machine1[0] - machine0[0]) * tickMs / count;
        pool.shutdown();
        System.out.printf("%s  %6.0f/s  CPU per object: this process %.3f ms, whole machine %.3f ms%n", name,
                count / seconds, processMs, busyMs);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Busy ticks of all CPUs (user, nice, system, irq, softirq; not steal) from the first line of /proc/stat. */
    static long[] machineCpuTicks() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        return new long[] {busy};
    }
}
