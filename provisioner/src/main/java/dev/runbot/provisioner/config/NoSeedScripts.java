package dev.runbot.provisioner.config;

import dev.runbot.provisioner.environment.Environment;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without access to repository contents (no GitHub configured) there are no seed scripts to read;
 * an environment whose configuration names some is deployed without them, and the log says so.
 */
@Singleton
@Secondary
public class NoSeedScripts implements SeedScriptSource {

    private static final Logger LOG = LoggerFactory.getLogger(NoSeedScripts.class);

    @Override
    public Map<String, String> scripts(Environment environment, PreviewConfig config) {
        if (!config.seed().isEmpty()) {
            LOG.warn("\"{}\" names seed scripts {}, but runbot cannot read repository files without GitHub;"
                    + " deploying without them", environment.name(), config.seed());
        }
        return Map.of();
    }
}
