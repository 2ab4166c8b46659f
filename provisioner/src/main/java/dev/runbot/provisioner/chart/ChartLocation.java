package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.DirectoryTrees;
import dev.runbot.provisioner.RunbotSettings;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the preview chart is on disk. Helm reads charts from directories, so the built-in chart
 * that ships inside runbot's jar is copied out to the data directory once per start; a chart
 * directory configured by the operator replaces it. Resolved at start, so a wrong one stops runbot at once.
 */
@Context
public class ChartLocation {

    static final String BUILT_IN = "runbot/charts/preview-env";

    private final Path directory;

    ChartLocation(ChartSettings chart, RunbotSettings settings) {
        this.directory = chart.dir() != null
                ? requireChart(chart.dir())
                : extractBuiltIn(settings.dataDir().resolve("charts").resolve("preview-env"));
    }

    public Path directory() {
        return directory;
    }

    private static Path requireChart(Path dir) {
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("runbot.chart.dir \"" + dir.toAbsolutePath()
                    + "\" is not a Helm chart: it has no Chart.yaml");
        }
        return dir;
    }

    private static Path extractBuiltIn(Path target) {
        URL chartYaml = ChartLocation.class.getClassLoader().getResource(BUILT_IN + "/Chart.yaml");
        if (chartYaml == null) {
            throw new IllegalStateException("the built-in chart \"" + BUILT_IN + "\" is missing from the classpath");
        }
        try {
            URI uri = chartYaml.toURI();
            DirectoryTrees.delete(target);
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath(BUILT_IN), target);
                }
            } else {
                copyTree(Path.of(uri).getParent(), target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("copying the built-in chart to \"" + target + "\"", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the built-in chart has an unreadable location: " + chartYaml, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
