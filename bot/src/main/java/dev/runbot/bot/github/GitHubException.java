package dev.runbot.bot.github;

import dev.runbot.bot.outbox.RemoteFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub did not do what was asked. {@link #retryable()} tells an outage or a rate limit (try
 * again later, after {@link #retryAfter()} when GitHub said) from an answer that will not change
 * (404, 403 without a rate limit, 422).
 */
public class GitHubException extends RemoteFailure {

    private final int status;

    /**
     * @param status     the HTTP status, or 0 when no answer came (timeout, connection refused)
     * @param retryable  whether the same call may succeed later
     * @param retryAfter how long GitHub asked to wait, when it did
     */
    public GitHubException(String message, int status, boolean retryable, Optional<Duration> retryAfter,
                           Throwable cause) {
        super(message, retryable, retryAfter, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public String remote() {
        return "GitHub";
    }

    public boolean notFound() {
        return status == 404;
    }

    /**
     * GitHub's primary or secondary rate limit: further calls now would only be refused too. Exactly
     * these failures carry a {@link #retryAfter()}, GitHub's or a minute.
     */
    public boolean rateLimited() {
        return retryable() && retryAfter().isPresent();
    }
}
