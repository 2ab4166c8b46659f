package dev.runbot.provisioner.reconcile;

import dev.runbot.commands.PullRequestRef;
import java.time.Instant;
import java.util.Optional;

/**
 * A namespace of runbot's that no environment owned, deleted once its grace period was over;
 * people are told, since something made it behind runbot's back or a record was lost.
 *
 * @param pullRequest the pull request its labels name, if they name one
 * @param createdAt   when the cluster created it
 * @param at          when runbot deleted it
 */
public record OrphanCollected(String namespace, Optional<PullRequestRef> pullRequest, Instant createdAt, Instant at) {
}
