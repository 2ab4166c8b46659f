package dev.runbot.bot.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** An environment as the REST API shows it; {@code history} only on the single-environment call. */
@Serdeable
public record EnvironmentView(
        String name,
        String namespace,
        String repository,
        int pullRequest,
        String state,
        String desiredState,
        String url,
        @Nullable String logsUrl,
        @Nullable String metricsUrl,
        @Nullable String headSha,
        @Nullable String image,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        @Nullable Instant pinnedUntil,
        String requestedBy,
        boolean dryRun,
        @Nullable String lastError,
        @Nullable List<HistoryEntry> history) {

    /** One audit entry: who did what, through which channel, when. */
    @Serdeable
    public record HistoryEntry(Instant at, String actor, String channel, String action, String detail) {
    }
}
