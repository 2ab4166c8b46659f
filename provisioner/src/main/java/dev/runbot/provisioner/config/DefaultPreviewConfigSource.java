package dev.runbot.provisioner.config;

import dev.runbot.commands.RepositoryName;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** Without a source of {@code .preview.yaml} files (no GitHub configured) every repository gets the defaults. */
@Singleton
@Secondary
public class DefaultPreviewConfigSource implements PreviewConfigSource {

    @Override
    public PreviewConfigLookup find(RepositoryName repository) {
        return new PreviewConfigLookup.Found(PreviewConfig.defaults(repository));
    }
}
