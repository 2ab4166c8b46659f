package dev.runbot.bot.github.notify;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.notify.GitHubNotices.PullRequestNotice;
import dev.runbot.bot.github.notify.GitHubNotices.ReactionNotice;
import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxDeliverer;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * Delivers {@link GitHubNotices} to GitHub: reactions, and the status comment and deployment of
 * a pull request. GitHub down or rate-limited means "later, after the wait it asked for"; a
 * pull request or comment that is gone means "never".
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubNoticeDeliverer implements OutboxDeliverer {

    private final PullRequestHost host;
    private final PullRequestStatusSync sync;
    private final JsonMapper json;

    GitHubNoticeDeliverer(PullRequestHost host, PullRequestStatusSync sync, JsonMapper json) {
        this.host = host;
        this.sync = sync;
        this.json = json;
    }

    @Override
    public String destination() {
        return GitHubNotices.DESTINATION;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        return switch (message.kind()) {
            case GitHubNotices.REACTION -> QueuedMessages.deliver(message, () -> {
                ReactionNotice notice = QueuedMessages.read(json, message, ReactionNotice.class);
                host.react(QueuedMessages.repository(notice.repository()), notice.commentId(), notice.reaction());
            });
            case GitHubNotices.PULL_REQUEST -> QueuedMessages.deliver(message, () -> {
                PullRequestNotice notice = QueuedMessages.read(json, message, PullRequestNotice.class);
                sync.sync(QueuedMessages.pullRequest(notice.repository(), notice.pullRequest()));
            });
            default -> QueuedMessages.unknownKind(message);
        };
    }
}
