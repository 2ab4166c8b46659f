package dev.runbot.provisioner.chart;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * runbot's own chart ({@code deploy/helm/runbot}) and its example values, rendered and linted by
 * real Helm for the tests, with values always given as files.
 */
final class RunbotChart {

    static final Path DIR = Path.of("..", "deploy", "helm", "runbot").toAbsolutePath().normalize();
    static final Path EXAMPLES = Path.of("..", "deploy", "examples").toAbsolutePath().normalize();
    static final String RELEASE = "runbot";
    static final String NAMESPACE = "runbot-system";

    private RunbotChart() {
    }

    /** The smallest values the chart accepts with its defaults: two replicas on PostgreSQL, GitHub on. */
    static Map<String, Object> minimalValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("runbot", new LinkedHashMap<>(Map.of("previewDomain", "preview.test")));
        values.put("api", new LinkedHashMap<>(Map.of("token", "0123456789abcdef0123")));
        values.put("database", new LinkedHashMap<>(Map.of("url", "jdbc:postgresql://db:5432/runbot",
                "username", "runbot", "password", "secret")));
        values.put("github", new LinkedHashMap<>(Map.of("webhookSecret", "It's a Secret to Everybody",
                "appId", "123", "privateKey", "-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----\n")));
        return values;
    }

    static Path example(String name) {
        return EXAMPLES.resolve(name);
    }

    static Map<String, Object> load(Path valuesFile) {
        try {
            return new Yaml().load(Files.readString(valuesFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template} with these values; Helm's error as an exception when it refuses. */
    static List<Map<String, Object>> render(Map<String, Object> values, Path workDir) {
        return ChartFixtures.parse(template(values, workDir));
    }

    static String template(Map<String, Object> values, Path workDir) {
        Path valuesFile = write(values, workDir.resolve("values-" + System.nanoTime() + ".yaml"));
        try {
            return new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withValuesFile(valuesFile).call();
        } finally {
            TerminationSignals.reclaim();
        }
    }

    /**
     * Helm 3's lint reads only the chart's own values, so the chart is copied with these values
     * merged over its defaults as {@code values.yaml}: the lint sees what an install would.
     */
    static Path copyWithValues(Map<String, Object> values, Path workDir) {
        Path copy = workDir.resolve("runbot");
        try (var files = Files.walk(DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + DIR, e);
        }
        Map<String, Object> merged = merge(load(DIR.resolve("values.yaml")), values);
        write(merged, copy.resolve("values.yaml"));
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            if (value instanceof Map<?, ?> overMap && merged.get(key) instanceof Map<?, ?> baseMap) {
                merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) overMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** The values' section of this name, made if absent; the maps minimalValues builds are mutable. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> values, String name) {
        return (Map<String, Object>) values.computeIfAbsent(name, key -> new LinkedHashMap<String, Object>());
    }

    /** Every object of this kind. */
    static List<Map<String, Object>> all(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        objects.stream().filter(object -> kind.equals(ChartObjects.kind(object))).forEach(found::add);
        return found;
    }

    private static Path write(Map<String, Object> values, Path file) {
        try {
            Files.writeString(file, new Yaml().dump(values));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
