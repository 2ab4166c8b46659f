package dev.runbot.bot.github.webhook;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every answer to a webhook; GitHub shows it in the delivery's log for whoever debugs the hook. */
@Serdeable
public record WebhookAnswer(String message) {
}
