package dev.runbot.provisioner.chart;

import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;
import java.util.Map;

/**
 * Everything one render needs.
 *
 * @param credentials one entry for each database in {@code config.databases()}
 * @param seedScripts file name → SQL text of the seed scripts, in the order they run
 */
public record RenderRequest(
        Environment environment,
        PreviewConfig config,
        Map<Database, DatabaseCredentials> credentials,
        Map<String, String> seedScripts) {

    public RenderRequest {
        credentials = Map.copyOf(credentials);
        seedScripts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seedScripts));
    }
}
