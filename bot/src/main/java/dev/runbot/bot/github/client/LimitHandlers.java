package dev.runbot.bot.github.client;

import java.io.IOException;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * kohsuke's rate-limit and secondary-limit handlers, replaced by ones that fail at once with a
 * retryable GitHubException instead of sleeping: runbot's callers are queue workers that retry later.
 */
final class LimitHandlers {

    private LimitHandlers() {
    }

    /** 403 with {@code x-ratelimit-remaining: 0}: the hourly quota is spent. */
    static GitHubRateLimitHandler rate(Failures failures) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw new GitHubFailure(failures.of(Answer.of(response)));
            }
        };
    }

    /** 429, or 403 with Retry-After: a secondary limit. */
    static GitHubAbuseLimitHandler secondary(Failures failures) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw new GitHubFailure(failures.of(Answer.of(response)));
            }
        };
    }
}
