package dev.runbot.provisioner.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the outbox retries and how replicas share it ({@code runbot.outbox.*}).
 *
 * @param retryBase    the wait after the first failed attempt; it doubles with every further one
 * @param retryCap     the longest wait the backoff reaches (a Retry-After from the remote may be longer)
 * @param batchSize    how many due messages one pass of the worker claims at most
 * @param claimTimeout how long the messages a worker claimed are its own: no other worker offers them
 *                     before the claim ends, and after it (the worker died or stalled) another does. A
 *                     worker offers a claimed message only during the first half of its claim, so one
 *                     delivery may take up to half of this (plus any clock skew between replicas)
 *                     before another worker could offer the same message
 */
@ConfigurationProperties("runbot.outbox")
public record OutboxSettings(
        @Bindable(defaultValue = "5s") Duration retryBase,
        @Bindable(defaultValue = "10m") Duration retryCap,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "2m") Duration claimTimeout) {

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
        if (claimTimeout == null || claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("runbot.outbox.claim-timeout must be positive, not " + claimTimeout);
        }
    }

    /** How long after claiming a message a worker may still start offering it: half the claim timeout. */
    public Duration offerWithin() {
        return claimTimeout.dividedBy(2);
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
