package dev.runbot.provisioner.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the outbox retries ({@code runbot.outbox.*}).
 *
 * @param retryBase the wait after the first failed attempt; it doubles with every further one
 * @param retryCap  the longest wait the backoff reaches (a Retry-After from the remote may be longer)
 * @param batchSize how many due messages one pass of the worker takes at most
 */
@ConfigurationProperties("runbot.outbox")
public record OutboxSettings(
        @Bindable(defaultValue = "5s") Duration retryBase,
        @Bindable(defaultValue = "10m") Duration retryCap,
        @Bindable(defaultValue = "100") int batchSize) {

    public OutboxSettings {
        if (retryBase == null || retryBase.isNegative() || retryBase.isZero()) {
            throw new IllegalArgumentException("runbot.outbox.retry-base must be positive, not " + retryBase);
        }
        if (retryCap == null || retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("runbot.outbox.retry-cap (" + retryCap
                    + ") must be at least runbot.outbox.retry-base (" + retryBase + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("runbot.outbox.batch-size must be at least 1, not " + batchSize);
        }
    }

    /** The wait after {@code failedAttempts} failures in a row: base, 2×base, 4×base, ... up to the cap. */
    public Duration backoff(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        Duration wait = retryBase;
        for (int i = 0; i < doublings && wait.compareTo(retryCap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryCap) > 0 ? retryCap : wait;
    }
}
