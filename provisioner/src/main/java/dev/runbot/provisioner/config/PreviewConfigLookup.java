package dev.runbot.provisioner.config;

import java.util.Objects;

/**
 * What looking for a repository's {@code .preview.yaml} gives: the configuration, or what keeps
 * runbot from having one, in words the person who asked can act on.
 */
public sealed interface PreviewConfigLookup {

    /** The configuration to deploy with. */
    record Found(PreviewConfig config) implements PreviewConfigLookup {
        public Found {
            Objects.requireNonNull(config, "config");
        }
    }

    /** The repository has no {@code .preview.yaml}; the message says so and how to add one. */
    record Missing(String message) implements PreviewConfigLookup {
    }

    /** The file exists but cannot be used; the message names each problem's field and line. */
    record Invalid(String message) implements PreviewConfigLookup {
    }

    /** The file could not be read just now (the host is down or rate-limited); trying later may work. */
    record Unavailable(String message) implements PreviewConfigLookup {
    }
}
