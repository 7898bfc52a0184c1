package io.gpucloud.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicroversionNegotiatorTest {

    private final MicroversionNegotiator compute = new MicroversionNegotiator("compute", "X-OpenStack-Nova-API-Version",
            new ApiVersion(2, 1), new ApiVersion(2, 79));

    @ParameterizedTest(name = "{0}: {1} / {2} gives {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "no header asks for the minimum              | -                               | -      | 2.1",
            "the standard header names the version       | compute 2.60                    | -      | 2.60",
            "latest means the maximum                    | compute latest                  | -      | 2.79",
            "a list for several services is searched     | placement 1.39, compute 2.10    | -      | 2.10",
            "another service's version is ignored        | placement 1.39                  | -      | 2.1",
            "the legacy header works without the new one | -                               | 2.37   | 2.37",
            "the standard header wins over the legacy    | compute 2.50                    | 2.37   | 2.50",
            "service type is case-insensitive            | Compute 2.9                     | -      | 2.9"})
    void negotiates(String description, String standard, String legacy, String expected) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (standard != null) {
            headers.put("OpenStack-API-Version", standard);
        }
        if (legacy != null) {
            headers.put("X-OpenStack-Nova-API-Version", legacy);
        }
        assertThat(compute.negotiate(headers::get).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is answered {1}")
    @CsvSource({"compute 2.80, 406", "compute 2.0, 406", "compute 3.1, 406", "compute two, 400", "compute 2.01, 400",
            "compute 2., 400"})
    void rejects(String header, int status) {
        assertThatThrownBy(() -> compute.negotiate(name -> name.equalsIgnoreCase("OpenStack-API-Version") ? header : null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    @ParameterizedTest(name = "{0} compares {2} to {1}")
    @CsvSource({"2.10, 2.9, 1", "2.9, 2.10, -1", "1.39, 1.39, 0", "2.1, 1.99, 1"})
    void versionsCompareNumerically(String left, String right, int sign) {
        assertThat(Integer.signum(ApiVersion.parse(left).compareTo(ApiVersion.parse(right)))).isEqualTo(sign);
    }
}
