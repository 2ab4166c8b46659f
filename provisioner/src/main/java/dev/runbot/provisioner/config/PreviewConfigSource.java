package dev.runbot.provisioner.config;

import dev.runbot.commands.RepositoryName;

/** Finds a repository's {@code .preview.yaml}; GitHub reads it from the default branch. */
public interface PreviewConfigSource {

    /** The repository's configuration, or why there is none; never throws for a missing or broken file. */
    PreviewConfigLookup find(RepositoryName repository);
}
