package dev.runbot.provisioner.chart;

import com.marcnuri.helm.Helm;
import dev.runbot.provisioner.environment.Environment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the preview chart with real Helm ({@code helm template} through helm-java). Values go
 * to Helm as a YAML file, never through {@code --set}, so no value a person typed is ever
 * interpreted as Helm syntax.
 */
@Singleton
public class HelmChartRenderer implements ChartRenderer {

    private final ChartLocation chart;
    private final ChartSettings settings;

    HelmChartRenderer(ChartLocation chart, ChartSettings settings) {
        this.chart = chart;
        this.settings = settings;
    }

    @Override
    public RenderedChart render(RenderRequest request) {
        Environment environment = request.environment();
        Map<String, Object> values = ChartValues.of(request, settings);
        Path valuesFile = null;
        try {
            valuesFile = Files.createTempFile("runbot-values-" + environment.name(), ".yaml");
            Files.writeString(valuesFile, yaml().dump(values), StandardCharsets.UTF_8);
            String manifest = new Helm(chart.directory()).template()
                    .withName(environment.name())
                    .withNamespace(environment.namespace())
                    .withValuesFile(valuesFile)
                    .call();
            return new RenderedChart(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the values of \"" + environment.name() + "\"", e);
        } catch (RuntimeException e) {
            throw new ChartRenderingException("rendering chart \"" + chart.directory() + "\" for \""
                    + environment.name() + "\" failed: " + e.getMessage(), e);
        } finally {
            TerminationSignals.reclaim();
            deleteQuietly(valuesFile);
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file holds no secret and is cleaned by the OS
            }
        }
    }
}
