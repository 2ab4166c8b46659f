package dev.runbot.provisioner;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Server-wide settings every part of runbot shares.
 *
 * @param dataDir       where the H2 file, the generated API token and dry-run renders live
 * @param previewDomain preview hosts are {@code {name}.{previewDomain}}
 * @param instance      this installation's name, on its namespaces and in its Lease: two runbots on one
 *                      cluster (production and staging, a developer's) each look after their own only
 */
@ConfigurationProperties("runbot")
public record RunbotSettings(
        @Bindable(defaultValue = "runbot-data") Path dataDir,
        @Bindable(defaultValue = "preview.localhost") String previewDomain,
        @Bindable(defaultValue = "runbot") String instance) {

    public RunbotSettings {
        if (instance == null || !instance.matches("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?")) {
            throw new IllegalArgumentException("runbot.instance must be 1 to 40 lower-case letters, digits and"
                    + " inner hyphens (it names a label value and a Lease), not \"" + instance + "\"");
        }
    }

    /** For code and tests that build settings by hand: the default instance. */
    public RunbotSettings(Path dataDir, String previewDomain) {
        this(dataDir, previewDomain, "runbot");
    }
}
