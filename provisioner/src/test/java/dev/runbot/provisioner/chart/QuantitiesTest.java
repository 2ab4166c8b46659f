package dev.runbot.provisioner.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.provisioner.chart.ChartValues.Quantities;
import io.kubernetes.client.custom.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The quota arithmetic: quantities read as the API server reads them, sums written as it writes them. */
class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"300m, 300", "1, 1000", "1.5, 1500", "0.25, 250", "2.125, 2125", "0, 0"})
    void readsCpu(String value, long millicores) {
        assertThat(Quantities.millicores(value, "cpu")).isEqualTo(millicores);
    }

    @ParameterizedTest
    @CsvSource({"512Mi, 536870912", "1Gi, 1073741824", "1.5Gi, 1610612736", "500M, 500000000", "128974848, 128974848",
            "1k, 1000", "2Ki, 2048"})
    void readsBytes(String value, long bytes) {
        assertThat(Quantities.bytes(value, "memory")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"1050, 1050m", "2000, 2", "4250, 4250m", "0, 0"})
    void writesCpuAsTheApiServerDoes(long millicores, String expected) {
        assertThat(Quantities.cpu(millicores)).isEqualTo(expected)
                .isEqualTo(new Quantity(expected).toSuffixedString());
    }

    @ParameterizedTest
    @CsvSource({"1342177280, 1280Mi", "3221225472, 3Gi", "805306368, 768Mi", "768435456, 768435456",
            "1500000000, 1500M", "0, 0"})
    void writesBytesAsTheApiServerDoes(long bytes, String expected) {
        assertThat(Quantities.bytes(bytes)).isEqualTo(expected)
                .isEqualTo(new Quantity(expected).toSuffixedString());
        assertThat(new Quantity(expected).getNumber().longValueExact()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "300 m", "-1", "1.2345", "1e3", ""})
    void refusesWhatIsNotACpuQuantityQuotingIt(String value) {
        assertThatThrownBy(() -> Quantities.millicores(value, "app.resources.cpu"))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessage("app.resources.cpu \"" + value + "\" is not a CPU quantity such as 300m or 1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "512MB", "1.5", "-1Gi", ""})
    void refusesWhatIsNotAWholeQuantityOfBytes(String value) {
        assertThatThrownBy(() -> Quantities.bytes(value, "app.resources.memory"))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessageStartingWith("app.resources.memory \"" + value + "\" is not a");
    }
}
