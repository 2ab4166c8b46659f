package dev.runbot.provisioner.config;

import dev.runbot.commands.RepositoryName;

/** Finds a repository's {@code .preview.yaml}; GitHub reads it from the default branch. */
public interface PreviewConfigSource {

    PreviewConfig find(RepositoryName repository);
}
