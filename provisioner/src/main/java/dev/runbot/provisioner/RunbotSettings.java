package dev.runbot.provisioner;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Server-wide settings every part of runbot shares.
 *
 * @param dataDir       where the H2 file, the generated API token and dry-run renders live
 * @param previewDomain preview hosts are {@code {name}.{previewDomain}}
 */
@ConfigurationProperties("runbot")
public record RunbotSettings(
        @Bindable(defaultValue = "runbot-data") Path dataDir,
        @Bindable(defaultValue = "preview.localhost") String previewDomain) {
}
