package dev.runbot.bot.web;

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
 * The dashboard tests' {@code .preview.yaml}: the defaults, plus one PostgreSQL for repositories
 * whose name ends in {@code -db} (the standard environment), and {@code env.GREETING} as an
 * override anyone may {@code --set}, so a test can put hostile text on the page.
 */
@Singleton
@Replaces(DefaultPreviewConfigSource.class)
@Requires(property = "runbot.test.dashboard-configs", value = "true")
public class DashboardPreviewConfigs implements PreviewConfigSource {

    @Override
    public PreviewConfigLookup find(RepositoryName repository) {
        PreviewConfig d = PreviewConfig.defaults(repository);
        List<Database> databases = repository.name().endsWith("-db") ? List.of(Database.POSTGRES) : List.of();
        return new PreviewConfigLookup.Found(new PreviewConfig(d.project(), d.image(), d.tag(), d.fallbackTag(),
                d.port(), d.healthPath(), d.ttl(), d.autoDeploy(), d.label(), databases, d.env(), d.resources(),
                List.of("env.GREETING"), d.slackChannel(), d.urlSuffix(), d.seed()));
    }
}
