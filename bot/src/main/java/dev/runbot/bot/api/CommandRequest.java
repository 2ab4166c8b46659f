package dev.runbot.bot.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/commands}.
 *
 * @param text        the command, with or without {@code /preview}: {@code "/preview up --ttl 12h"}
 * @param repository  {@code owner/name}, unless the text names the pull request itself
 * @param pullRequest the pull request number within {@code repository}
 * @param headSha     the commit to deploy, when the caller knows it
 * @param requestedBy who the caller acts for, recorded in the audit log (default {@code api})
 */
@Serdeable
public record CommandRequest(
        @Nullable String text,
        @Nullable String repository,
        @Nullable Integer pullRequest,
        @Nullable String headSha,
        @Nullable String requestedBy) {
}
