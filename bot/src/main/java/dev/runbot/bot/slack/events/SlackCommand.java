package dev.runbot.bot.slack.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A {@code /preview} slash command or a button press, as taken from Slack and queued until a
 * worker runs it. A button carries the command text it stands for, so both run the same way.
 *
 * @param triggerId   Slack's id of this invocation; a retry carries the same one
 * @param text        what follows {@code /preview}, or a button's value, e.g. {@code extend 24h acme/shop#42}
 * @param responseUrl where the answer goes
 */
@Serdeable
public record SlackCommand(String triggerId, String text, String userId, String userName, String channelId,
                           String responseUrl, boolean button) {

    /** The outbox kind these travel under. */
    public static final String KIND = "command";
}
