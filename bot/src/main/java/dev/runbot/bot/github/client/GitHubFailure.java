package dev.runbot.bot.github.client;

import dev.runbot.bot.github.GitHubException;
import org.kohsuke.github.GHIOException;

/**
 * Carries a {@link GitHubException} through kohsuke's client, which only lets IOExceptions out of
 * connectors and error handlers. It is a {@link GHIOException} so kohsuke passes it on unchanged, and
 * not a SocketException so kohsuke does not retry it.
 */
final class GitHubFailure extends GHIOException {

    GitHubFailure(GitHubException failure) {
        super(failure.getMessage(), failure);
    }

    GitHubException failure() {
        return (GitHubException) getCause();
    }
}
