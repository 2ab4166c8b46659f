package dev.runbot.provisioner.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * What waits in the outbox, for metrics and the dashboard.
 *
 * @param pending        undelivered messages, due or waiting for their next attempt
 * @param oldestPending  when the oldest of them was enqueued; empty when nothing waits
 */
public record Backlog(long pending, Optional<Instant> oldestPending) {
}
