package dev.runbot.bot.outbox;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.SourceUnavailableException;
import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/**
 * What runbot's outbox deliverers share: reading a queued payload back, and turning how an
 * attempt went into the outbox's answer — delivered; later, when GitHub, Slack or a repository's
 * files could not be reached; never, for a refusal that will not change or a payload that cannot be read.
 */
public final class QueuedMessages {

    private QueuedMessages() {
    }

    /** One attempt at a queued message; it may throw what {@link #deliver} knows how to answer. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws IOException;
    }

    /** Runs {@code attempt} and answers the outbox. */
    public static DeliveryResult deliver(OutboxMessage message, Attempt attempt) {
        try {
            attempt.run();
            return new DeliveryResult.Delivered();
        } catch (RemoteFailure e) {
            return e.retryable() ? new DeliveryResult.Retry(e.remote() + ": " + e.getMessage(), e.retryAfter())
                    : new DeliveryResult.Rejected(e.remote() + ": " + e.getMessage());
        } catch (SourceUnavailableException e) {
            return new DeliveryResult.Retry(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new DeliveryResult.Rejected("the " + message.kind() + " message is not readable: " + e.getMessage());
        }
    }

    /** The payload of a queued message as {@code type}; an empty or malformed one is an {@link IOException}. */
    public static <T> T read(JsonMapper json, OutboxMessage message, Class<T> type) throws IOException {
        T value = json.readValue(message.payload(), Argument.of(type));
        if (value == null) {
            throw new IOException("the payload of outbox message " + message.id() + " is empty");
        }
        return value;
    }

    /** The repository a queued payload names; a malformed name is an {@link IllegalArgumentException}. */
    public static RepositoryName repository(String name) {
        return RepositoryName.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("\"" + name + "\" is not a repository"));
    }

    /** The pull request a queued payload names. */
    public static PullRequestRef pullRequest(String repository, int number) {
        return new PullRequestRef(repository(repository), number);
    }

    public static DeliveryResult unknownKind(OutboxMessage message) {
        return new DeliveryResult.Rejected("no " + message.destination() + " message of kind \"" + message.kind()
                + "\" is known");
    }
}
