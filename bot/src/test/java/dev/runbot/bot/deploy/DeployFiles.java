package dev.runbot.bot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The files under {@code deploy/} at the top of the repository (dashboards, app manifests), read as
 * operators would hand them to Grafana, GitHub and Slack, so tests can hold them to the code.
 */
public final class DeployFiles {

    /** Tests run in the module's directory; {@code deploy/} is beside it. */
    public static final Path DIR = Path.of("..", "deploy").toAbsolutePath().normalize();

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    /** e.g. {@code json("grafana", "runbot.json")}. */
    public static JsonNode json(String first, String... more) {
        try {
            return JSON.readTree(path(first, more).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file as SnakeYAML reads it: maps, lists and scalars. */
    public static Map<String, Object> yaml(String first, String... more) {
        try (Reader reader = Files.newBufferedReader(path(first, more))) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String first, String... more) {
        return DIR.resolve(Path.of(first, more));
    }
}
