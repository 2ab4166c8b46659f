package dev.runbot.provisioner.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One change of one environment: who did what, through which channel, when. Never updated,
 * never deleted, so the history of an environment survives its destruction.
 *
 * @param environmentId the environment's row; absent for a namespace collected as an orphan that had none
 * @param environment   the environment's name, or the orphaned namespace's
 * @param actor   the person (GitHub login, Slack user, API) or {@code runbot} for its own work
 * @param channel where the change came from: github, slack, api, reconciler
 * @param action  what happened, e.g. {@code created}, {@code pinned}, {@code destroyed}
 * @param detail  the specifics a reader needs, e.g. {@code until 2026-11-24T10:00:00Z}
 */
@MappedEntity("audit_entry")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        @Nullable Long environmentId,
        String environment,
        @Nullable String repository,
        @Nullable Integer pullRequest,
        String actor,
        String channel,
        String action,
        String detail,
        Instant at) {
}
