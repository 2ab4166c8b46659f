package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and the chart agree: there is no Docker engine here to build the image, so what
 * the pod relies on is read from the Dockerfile's last stage.
 */
class RunbotChartImageTest {

    static final Path DOCKERFILE = Path.of("..", "Dockerfile");

    @Test
    void theImageRunsOnAJre17AsTheNumericUserThePodRunsAs() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        List<String> stages = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        List<String> runtime = lines.subList(lines.indexOf(stages.get(stages.size() - 1)), lines.size());
        Map<String, Object> values = RunbotChart.load(RunbotChart.DIR.resolve("values.yaml"));

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("FROM eclipse-temurin:17-jdk");
        assertThat(stages.get(1)).startsWith("FROM eclipse-temurin:17-jre");
        assertThat(runtime).contains("ARG UID=" + at(values, "podSecurityContext.runAsUser"), "USER ${UID}:${UID}");
        assertThat(runtime).anyMatch(line -> line.contains("RUNBOT_DATA_DIR=" + at(values, "dataDir.path")));
        assertThat(runtime).contains("EXPOSE 8080");
        assertThat(lines).anyMatch(line -> line.contains("./mvnw -B -q -DskipTests package"));
    }
}
