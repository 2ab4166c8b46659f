package dev.runbot.bot.slack;

/**
 * Where a posted message is: the channel's id (Slack answers with it even when the message was
 * posted to a channel name) and the message's {@code ts}, which together address it for updates
 * and thread replies.
 */
public record PostedMessage(String channel, String ts) {
}
