package dev.runbot.bot.github.work;

import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.webhook.CommentCommand;
import dev.runbot.bot.github.webhook.PullRequestChange;
import dev.runbot.bot.inbound.InboundQueue;
import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxDeliverer;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * Runs webhook work queued by {@link InboundQueue}: comment commands and pull request changes.
 * GitHub being down or rate-limited means "later"; work that can never succeed is set aside with
 * its reason, which the outbox logs.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubWorkDeliverer implements OutboxDeliverer {

    private final JsonMapper json;
    private final CommentCommandHandler comments;
    private final PullRequestEventHandler pullRequests;

    GitHubWorkDeliverer(JsonMapper json, CommentCommandHandler comments, PullRequestEventHandler pullRequests) {
        this.json = json;
        this.comments = comments;
        this.pullRequests = pullRequests;
    }

    @Override
    public String destination() {
        return InboundQueue.GITHUB;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        return switch (message.kind()) {
            case CommentCommand.KIND -> QueuedMessages.deliver(message, () -> {
                CommentCommand command = QueuedMessages.read(json, message, CommentCommand.class);
                try (LogContext context = LogContext.delivery(command.deliveryId())
                        .with(command.repository(), command.pullRequest())) {
                    comments.handle(command);
                }
            });
            case PullRequestChange.KIND -> QueuedMessages.deliver(message, () -> {
                PullRequestChange change = QueuedMessages.read(json, message, PullRequestChange.class);
                try (LogContext context = LogContext.delivery(change.deliveryId())
                        .with(change.repository(), change.pullRequest())) {
                    pullRequests.handle(change);
                }
            });
            default -> QueuedMessages.unknownKind(message);
        };
    }
}
