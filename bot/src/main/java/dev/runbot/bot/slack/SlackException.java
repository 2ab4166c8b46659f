package dev.runbot.bot.slack;

import dev.runbot.bot.outbox.RemoteFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Slack did not do what was asked. {@link #retryable()} tells an outage or a rate limit (try
 * again later, after {@link #retryAfter()} when Slack said) from an answer that will not change
 * ({@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth}, an expired response_url).
 */
public class SlackException extends RemoteFailure {

    private final String error;

    /**
     * @param error      Slack's error code ({@code ratelimited}, {@code channel_not_found}, ...) or the HTTP status
     * @param retryable  whether the same call may succeed later
     * @param retryAfter how long Slack asked to wait, when it did
     */
    public SlackException(String message, String error, boolean retryable, Optional<Duration> retryAfter,
                          Throwable cause) {
        super(message, retryable, retryAfter, cause);
        this.error = error;
    }

    public String error() {
        return error;
    }

    @Override
    public String remote() {
        return "Slack";
    }
}
