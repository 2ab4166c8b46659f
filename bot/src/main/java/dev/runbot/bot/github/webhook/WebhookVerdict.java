package dev.runbot.bot.github.webhook;

import dev.runbot.commands.RepositoryName;

/** What a verified webhook delivery comes to: an answer at once, or work to queue and then acknowledge. */
public sealed interface WebhookVerdict {

    /** Nothing to do beyond answering: ping, an ignored event, a payload runbot cannot use. */
    record Answer(int status, String message) implements WebhookVerdict {
    }

    /**
     * Work for a worker: {@code work} is a {@link CommentCommand} or a {@link PullRequestChange}.
     *
     * @param kind the outbox kind the work travels under
     */
    record Work(RepositoryName repository, String kind, Object work, String summary) implements WebhookVerdict {
    }
}
