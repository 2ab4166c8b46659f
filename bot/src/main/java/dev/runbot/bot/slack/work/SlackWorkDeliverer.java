package dev.runbot.bot.slack.work;

import dev.runbot.bot.inbound.InboundQueue;
import dev.runbot.bot.outbox.QueuedMessages;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.events.SlackCommand;
import dev.runbot.provisioner.LogContext;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxDeliverer;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * Runs Slack commands and button presses queued by {@link InboundQueue}. GitHub or Slack being
 * down means "later"; the command then runs once they answer.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackWorkDeliverer implements OutboxDeliverer {

    private final JsonMapper json;
    private final SlackCommandHandler commands;

    SlackWorkDeliverer(JsonMapper json, SlackCommandHandler commands) {
        this.json = json;
        this.commands = commands;
    }

    @Override
    public String destination() {
        return InboundQueue.SLACK;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        if (!SlackCommand.KIND.equals(message.kind())) {
            return QueuedMessages.unknownKind(message);
        }
        return QueuedMessages.deliver(message, () -> {
            SlackCommand command = QueuedMessages.read(json, message, SlackCommand.class);
            try (LogContext context = LogContext.delivery(command.triggerId())) {
                commands.handle(command);
            }
        });
    }
}
