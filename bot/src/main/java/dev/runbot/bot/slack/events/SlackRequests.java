package dev.runbot.bot.slack.events;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.runbot.bot.inbound.InboundQueue;
import dev.runbot.bot.slack.SlackBlocks;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackMessage;
import dev.runbot.provisioner.LogContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified slash command or button press into queued work and acknowledges it at once
 * (Slack gives three seconds): the command gets an ephemeral "working on it", a button an empty
 * acknowledgement. The answer follows through the request's {@code response_url}.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackRequests {

    private static final Logger LOG = LoggerFactory.getLogger(SlackRequests.class);
    /** Where Slack's trigger ids are remembered, apart from GitHub's delivery ids. */
    static final String SOURCE = "slack";

    private final InboundQueue inbound;

    SlackRequests(InboundQueue inbound) {
        this.inbound = inbound;
    }

    Response slashCommand(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        String text = Objects.toString(payload.getText(), "").strip();
        SlackCommand command = new SlackCommand(payload.getTriggerId(), text, payload.getUserId(),
                payload.getUserName(), payload.getChannelId(), payload.getResponseUrl(), false);
        if (command.triggerId() == null || command.triggerId().isBlank()) {
            return context.ack(response -> response.responseType("ephemeral").text("runbot could not take this"
                    + " command: Slack sent it without a trigger_id, so a retry could run it twice. Try it again."));
        }
        if (!queue(command, payload.getCommand() + " " + text)) {
            return context.ack();
        }
        SlackMessage working = SlackBlocks.working(payload.getCommand() + " " + text);
        return context.ack(response -> response.responseType("ephemeral").text(working.text())
                .blocks(working.blocks()));
    }

    Response button(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getUser() == null) {
            LOG.warn("a Slack button press without an action or a user was ignored");
            return context.ack();
        }
        BlockActionPayload.Action action = payload.getActions().get(0);
        if (!SlackBlocks.runsCommand(action.getActionId())) {
            return context.ack(); // a link button: Slack opened the link; there is nothing to run
        }
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        SlackCommand command = new SlackCommand(payload.getTriggerId(), Objects.toString(action.getValue(), ""),
                payload.getUser().getId(), payload.getUser().getUsername(), channel, payload.getResponseUrl(), true);
        queue(command, "button " + action.getActionId() + " (" + action.getValue() + ")");
        return context.ack();
    }

    /** False when this trigger was queued before (Slack retried): it is acknowledged and not run again. */
    private boolean queue(SlackCommand command, String summary) {
        try (LogContext context = LogContext.delivery(command.triggerId())) {
            return queueOnce(command, summary);
        }
    }

    private boolean queueOnce(SlackCommand command, String summary) {
        if (command.triggerId() == null || command.triggerId().isBlank()) {
            LOG.warn("a Slack request without a trigger id was not run: {} by {}", summary, command.userId());
            return false;
        }
        if (!inbound.accept(SOURCE, command.triggerId(), InboundQueue.SLACK, SlackCommand.KIND, command)) {
            LOG.info("Slack trigger \"{}\" was received before; {} is not run again", command.triggerId(), summary);
            return false;
        }
        LOG.info("Slack trigger \"{}\": queued {} by {} in {}", command.triggerId(), summary, command.userId(),
                command.channelId());
        inbound.run();
        return true;
    }
}
