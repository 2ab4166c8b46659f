package dev.runbot.bot.github.webhook;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A pull request comment that holds a runbot command, as taken from its webhook and queued
 * until a worker runs it.
 *
 * @param repository {@code owner/name}
 * @param commentId  the comment, for reactions
 * @param author     who wrote it
 * @param body       the whole comment; the parser finds the command line again
 */
@Serdeable
public record CommentCommand(String deliveryId, String repository, int pullRequest, long commentId, String author,
                             String body) {

    /** The outbox kind these travel under. */
    public static final String KIND = "comment";
}
