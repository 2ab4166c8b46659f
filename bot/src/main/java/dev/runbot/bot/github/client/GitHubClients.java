package dev.runbot.bot.github.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * Builds kohsuke clients that all share runbot's endpoint, timed connector and throwing limit
 * handlers, and differ only in whom they authenticate as.
 */
final class GitHubClients {

    private final String apiUrl;
    private final GitHubConnector connector;
    private final Failures failures;

    GitHubClients(String apiUrl, GitHubConnector connector, Failures failures) {
        this.apiUrl = apiUrl;
        this.connector = connector;
        this.failures = failures;
    }

    /** @param authorization asked for the Authorization header before every request */
    GitHub build(AuthorizationProvider authorization) {
        try {
            return new GitHubBuilder()
                    .withEndpoint(apiUrl)
                    .withConnector(connector)
                    .withAuthorizationProvider(authorization)
                    .withRateLimitHandler(LimitHandlers.rate(failures))
                    .withAbuseLimitHandler(LimitHandlers.secondary(failures))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a GitHub client for " + apiUrl, e);
        }
    }
}
