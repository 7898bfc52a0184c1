package io.gpucloud.scheduler.candidate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpreadWalkTest {

    @Test
    void aRandomStrideStillVisitsEveryTreeExactlyOnce() {
        for (int trees = 1; trees <= 60; trees++) {
            for (int draw = 0; draw < 20; draw++) {
                long stride = AllocationCandidates.randomCoprimeStride(trees);
                assertThat(stride).isBetween(1L, (long) Math.max(1, trees - 1));
                Set<Long> visited = new HashSet<>();
                for (int i = 0; i < trees; i++) {
                    visited.add((7 + i * stride) % trees);
                }
                assertThat(visited).as("%d trees, stride %d", trees, stride).hasSize(trees);
            }
        }
    }
}
