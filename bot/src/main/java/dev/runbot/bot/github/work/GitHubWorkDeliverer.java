package dev.runbot.bot.github.work;

import dev.runbot.bot.github.GitHubException;
import dev.runbot.bot.github.GitHubEnabled;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.webhook.CommentCommand;
import dev.runbot.bot.github.webhook.GitHubInbound;
import dev.runbot.bot.github.webhook.PullRequestChange;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxDeliverer;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs webhook work queued by {@link GitHubInbound}: comment commands and pull request changes.
 * GitHub being down or rate-limited means "later"; work that can never succeed is set aside with
 * its reason, and nothing is dropped without a log line naming the delivery.
 */
@Singleton
@Requires(condition = GitHubEnabled.class)
public class GitHubWorkDeliverer implements OutboxDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubWorkDeliverer.class);

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
        return GitHubInbound.DESTINATION;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        try {
            switch (message.kind()) {
                case CommentCommand.KIND -> comments.handle(read(message, CommentCommand.class));
                case PullRequestChange.KIND -> pullRequests.handle(read(message, PullRequestChange.class));
                default -> {
                    return new DeliveryResult.Rejected("no handler for queued GitHub work of kind \"" + message.kind()
                            + "\"");
                }
            }
            return new DeliveryResult.Delivered();
        } catch (GitHubException e) {
            if (e.retryable()) {
                return new DeliveryResult.Retry("GitHub: " + e.getMessage(), e.retryAfter());
            }
            LOG.warn("queued GitHub work {} cannot be done: {}", message.id(), e.getMessage());
            return new DeliveryResult.Rejected("GitHub: " + e.getMessage());
        } catch (IOException e) {
            return new DeliveryResult.Rejected("queued GitHub work is not readable: " + e.getMessage());
        }
    }

    private <T> T read(OutboxMessage message, Class<T> type) throws IOException {
        T work = json.readValue(message.payload(), Argument.of(type));
        if (work == null) {
            throw new IOException("the payload is empty");
        }
        return work;
    }
}
