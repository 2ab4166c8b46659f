package dev.runbot.bot.github.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The parts of GitHub's webhook payloads runbot reads; everything else in them is ignored.
 * Every field may be missing, so a payload of the wrong shape is found and named by
 * {@link WebhookReader}, not by a parse error.
 */
final class GitHubPayloads {

    private GitHubPayloads() {
    }

    @Serdeable
    record User(@Nullable String login, @Nullable String type) {
    }

    @Serdeable
    record Repository(@JsonProperty("full_name") @Nullable String fullName) {
    }

    @Serdeable
    record Label(@Nullable String name) {
    }

    /** {@code issue_comment}: a comment on an issue or a pull request. */
    @Serdeable
    record IssueCommentEvent(@Nullable String action, @Nullable Issue issue, @Nullable Comment comment,
                             @Nullable Repository repository, @Nullable User sender) {
    }

    /** Only pull requests have {@code pull_request}. */
    @Serdeable
    record Issue(@Nullable Integer number, @JsonProperty("pull_request") @Nullable IssuePullRequest pullRequest) {
    }

    @Serdeable
    record IssuePullRequest(@Nullable String url) {
    }

    @Serdeable
    record Comment(@Nullable Long id, @Nullable String body, @Nullable User user) {
    }

    /** {@code pull_request}: opened, closed, pushed to, labelled, ... */
    @Serdeable
    record PullRequestEvent(@Nullable String action, @Nullable Integer number,
                            @JsonProperty("pull_request") @Nullable PullRequest pullRequest, @Nullable Label label,
                            @Nullable Repository repository, @Nullable User sender) {
    }

    @Serdeable
    record PullRequest(@Nullable Integer number, @Nullable Boolean merged, @Nullable Ref head, @Nullable Ref base,
                       @Nullable List<Label> labels) {
    }

    /** A branch end of a pull request; {@code repo} is null when a fork was deleted. */
    @Serdeable
    record Ref(@Nullable String sha, @Nullable String ref, @Nullable Repository repo) {
    }
}
