package dev.runbot.provisioner.config;

import dev.runbot.provisioner.environment.Environment;
import java.util.Map;

/** Reads the seed scripts a repository's {@code .preview.yaml} names, at the environment's head. */
public interface SeedScriptSource {

    /** File name → SQL text, in the order of {@code config.seed()}; empty when the config names none. */
    Map<String, String> scripts(Environment environment, PreviewConfig config);
}
