package dev.runbot.bot.cluster;

import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.DefaultPreviewConfigSource;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Stands in for GitHub's {@code .preview.yaml} in cluster tests and the benchmark: repositories
 * whose name ends in {@code -db} have a postgres database, every other one the defaults.
 */
@Singleton
@Replaces(DefaultPreviewConfigSource.class)
@Requires(property = "runbot.test.preview-configs", value = "true")
public class TestPreviewConfigs implements PreviewConfigSource {

    @Override
    public PreviewConfigLookup find(RepositoryName repository) {
        PreviewConfig d = PreviewConfig.defaults(repository);
        if (!repository.name().endsWith("-db")) {
            return new PreviewConfigLookup.Found(d);
        }
        return new PreviewConfigLookup.Found(new PreviewConfig(d.project(), d.image(), d.tag(), d.fallbackTag(), d.port(), d.healthPath(), d.ttl(),
                d.autoDeploy(), d.label(), List.of(Database.POSTGRES), d.env(), d.resources(), d.allowedOverrides(),
                d.slackChannel(), d.urlSuffix(), d.seed()));
    }
}
