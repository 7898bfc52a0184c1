import io.gpucloud.common.messaging.Envelope;
import io.gpucloud.common.messaging.EnvelopeCodec;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.FlavorSpec;
import io.gpucloud.common.messaging.contract.MessageContracts;
import io.gpucloud.common.messaging.contract.ScheduleInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long {@link EnvelopeCodec#decode} takes for a ScheduleInstance of realistic size (a GPU flavor with extra
 * specs, eight image properties, a scheduler hint, a public key, user data, metadata): ROUNDS rounds of N decodes
 * on one thread, the first ones warming the JIT up.
 *
 * Usage: mvn -o -q dependency:build-classpath -pl common -Dmdep.outputFile=/tmp/commoncp
 *        java [-XX:TieredStopAtLevel=1] -cp common/target/classes:$(cat /tmp/commoncp) bench/EnvelopeDecode.java [N [ROUNDS]]
 * To compare with another version of the codec, put its compiled EnvelopeCodec class ahead of common/target/classes.
 */
public class EnvelopeDecode {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        EnvelopeCodec codec = new EnvelopeCodec(MessageContracts.known());
        Map<String, String> imageProperties = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            imageProperties.put("hw_prop_" + i, "value-" + i);
        }
        ScheduleInstance message = new ScheduleInstance(UUID.randomUUID(), "0f3c6a4e2b1d4c5e8f7a6b5c4d3e2f1a",
                "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
                new FlavorSpec("vm.gpu.a100x2", 16, 131072, 200, Map.of("resources:PGPU", "2",
                        "trait:CUSTOM_GPU_NVIDIA_A100_80GB", "required", "gpu:topology", "nvlink")),
                imageProperties, "az1", Map.of("different_host", List.of(UUID.randomUUID().toString())), null,
                new BuildSpec("train-job-17", UUID.randomUUID(), "mykey",
                        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq4n0uD3xkq0p4y8Jm8VQeKXQ9yHqzF3hVw9rL0t2eX user@host",
                        "#cloud-config\npackages: [htop]\n", Map.of("team", "vision", "cost-center", "4711")));
        byte[] json = codec.encode(Envelope.create(message));
        System.out.println("ScheduleInstance envelope: " + json.length + " bytes");
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            int check = 0;
            for (int i = 0; i < n; i++) {
                check += codec.decode(json).payload().hashCode();
            }
            double micros = (System.nanoTime() - started) / 1e3 / n;
            // check keeps the decodes from being optimised away.
            System.out.printf("round %d: %.2f us per decode (%d)%n", round, micros, check & 1);
        }
    }
}
