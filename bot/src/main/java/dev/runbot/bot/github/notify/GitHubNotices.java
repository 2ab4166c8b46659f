package dev.runbot.bot.github.notify;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.Reaction;
import dev.runbot.bot.outbox.JsonOutbox;
import dev.runbot.bot.outbox.OutboxPumps;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Leaves what the pull request should show in the outbox — never calls GitHub itself — so a
 * GitHub outage delays these messages but never loses them and never fails the work that caused them.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubNotices {

    /** The outbox destination {@link GitHubNoticeDeliverer} takes. */
    public static final String DESTINATION = "github";
    static final String REACTION = "reaction";
    static final String PULL_REQUEST = "pull-request";

    private final JsonOutbox outbox;
    private final OutboxPumps pumps;

    GitHubNotices(JsonOutbox outbox, OutboxPumps pumps) {
        this.outbox = outbox;
        this.pumps = pumps;
    }

    /** Puts a reaction on a command comment; asked again before it is delivered, it is still one. */
    public void react(RepositoryName repository, long commentId, Reaction reaction) {
        enqueue(REACTION, "github:" + repository.key() + ":" + commentId + ":" + reaction.content(),
                new ReactionNotice(repository.toString(), commentId, reaction));
    }

    /**
     * Brings the pull request's status comment and deployment up to date with the environment
     * and the last command. Requests before the next delivery are one delivery.
     */
    public void refresh(PullRequestRef pullRequest) {
        enqueue(PULL_REQUEST, "github:" + pullRequest, new PullRequestNotice(pullRequest.repository().toString(),
                pullRequest.number(), UUID.randomUUID().toString()));
    }

    private void enqueue(String kind, String key, Object notice) {
        outbox.enqueue(DESTINATION, kind, key, notice);
        pumps.nudgeNotifications();
    }

    /** A reaction to put on a comment. */
    @Serdeable
    record ReactionNotice(String repository, long commentId, Reaction reaction) {
    }

    /**
     * A pull request whose status comment and deployment are to be brought up to date from what
     * runbot knows when it is delivered. Each request is different ({@code request}), so one made
     * while an earlier one is being delivered — which may have read the state before this change —
     * replaces its payload; the outbox then does not count that delivery and delivers again.
     */
    @Serdeable
    record PullRequestNotice(String repository, int pullRequest, String request) {
    }
}
