package dev.runbot.bot.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * An outside system (GitHub, Slack) did not do what was asked, and says whether asking again can
 * help: an outage or a rate limit can, after {@link #retryAfter()} when the system said how long;
 * a refusal that will not change cannot. The outbox turns this into its retry or its rejection.
 */
public abstract class RemoteFailure extends RuntimeException {

    private final boolean retryable;
    private final Optional<Duration> retryAfter;

    protected RemoteFailure(String message, boolean retryable, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** How people call the system: {@code GitHub}, {@code Slack}. */
    public abstract String remote();

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
