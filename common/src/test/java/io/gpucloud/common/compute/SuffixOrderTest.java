package io.gpucloud.common.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuffixOrderTest {

    @Test
    void unnumberedFirstThenNumbersByValueThenNamesWithTrailingNumbersByValue() {
        List<String> expected = List.of("", "01", "1", "2", "10", "99999999999999999999", "_A", "_GPU1", "_GPU2",
                "_GPU10", "_NET", "_gpu1");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));

        shuffled.sort(SuffixOrder.INSTANCE);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }
}
