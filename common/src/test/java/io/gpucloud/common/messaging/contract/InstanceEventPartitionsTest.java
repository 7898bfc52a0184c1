package io.gpucloud.common.messaging.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InstanceEventPartitionsTest {

    @Test
    void everyEventTypeAboutOneInstanceGoesToTheSamePartitionWhoeverPublishesIt() {
        UUID instance = UUID.fromString("6f1c2b7e-0d4a-4e57-9a51-3c0f8f2e9b10");
        int partition = InstanceEventPartitions.of(instance);

        assertThat(InstanceStateChanged.routingKey(instance)).isEqualTo("instance.state." + partition);
        assertThat(InstanceScheduled.routingKey(instance)).isEqualTo("instance.scheduled." + partition);
        assertThat(NoValidHost.routingKey(instance)).isEqualTo("instance.no_valid_host." + partition);
        // Fixed by UUID.hashCode's specification, so every JVM and version of the publishers agrees.
        assertThat(partition).isEqualTo(Math.floorMod(instance.hashCode(), InstanceEventPartitions.COUNT));
    }

    @Test
    void instancesSpreadOverEveryPartitionAndEachKeyMatchesOnlyItsPartitionsBinding() {
        Map<Integer, Integer> perPartition = new HashMap<>();
        for (int i = 0; i < 8_000; i++) {
            UUID instance = UUID.randomUUID();
            String key = InstanceStateChanged.routingKey(instance);
            int partition = InstanceEventPartitions.of(instance);
            perPartition.merge(partition, 1, Integer::sum);
            for (int other = 0; other < InstanceEventPartitions.COUNT; other++) {
                assertThat(key.equals(InstanceStateChanged.ROUTING_KEY + "." + other)).isEqualTo(other == partition);
            }
            assertThat(topicMatches(InstanceEventPartitions.anyPartition(InstanceStateChanged.ROUTING_KEY), key))
                    .isTrue();
            assertThat(topicMatches(InstanceStateChanged.ROUTING_KEY, key)).isFalse();
        }
        assertThat(perPartition).hasSize(InstanceEventPartitions.COUNT);
        assertThat(perPartition.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1200));
    }

    /** AMQP topic matching for patterns with {@code *} only (what these bindings use). */
    private static boolean topicMatches(String pattern, String key) {
        return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[^.]+\\Q")).matcher(key).matches();
    }
}
