package io.gpucloud.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NumaCellTest {

    @Test
    void listsCpusAsLinuxDoes() {
        List<Integer> cpus = Stream.concat(IntStream.rangeClosed(80, 119).boxed(), IntStream.rangeClosed(0, 39).boxed())
                .toList();
        assertThat(new NumaCell(0, cpus, 1024).cpuList()).isEqualTo("0-39,80-119");
        assertThat(new NumaCell(1, List.of(5, 3, 4, 9), 0).cpuList()).isEqualTo("3-5,9");
        assertThat(new NumaCell(2, List.of(), 1024).cpuList()).isEmpty();
    }
}
