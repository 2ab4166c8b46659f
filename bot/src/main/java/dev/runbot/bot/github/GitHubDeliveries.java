package dev.runbot.bot.github;

import dev.runbot.provisioner.outbox.DeliveryResult;

/**
 * What the outbox makes of GitHub's failures: an outage or rate limit means later, after the wait
 * GitHub asked for; anything else means never.
 */
public final class GitHubDeliveries {

    private GitHubDeliveries() {
    }

    public static DeliveryResult failed(GitHubException e) {
        return e.retryable() ? new DeliveryResult.Retry("GitHub: " + e.getMessage(), e.retryAfter())
                : new DeliveryResult.Rejected("GitHub answered " + e.status() + ": " + e.getMessage());
    }
}
