package dev.runbot.bot.outbox;

import dev.runbot.provisioner.outbox.DeliveryResult;
import dev.runbot.provisioner.outbox.OutboxMessage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;

/** How runbot's deliverers read their queued payloads back, and refuse ones they cannot use. */
public final class QueuedMessages {

    private QueuedMessages() {
    }

    /** The payload of a queued message as {@code type}; an empty or malformed one is an {@link IOException}. */
    public static <T> T read(JsonMapper json, OutboxMessage message, Class<T> type) throws IOException {
        T value = json.readValue(message.payload(), Argument.of(type));
        if (value == null) {
            throw new IOException("the payload of outbox message " + message.id() + " is empty");
        }
        return value;
    }

    public static DeliveryResult unknownKind(OutboxMessage message) {
        return new DeliveryResult.Rejected("no " + message.destination() + " message of kind \"" + message.kind()
                + "\" is known");
    }

    public static DeliveryResult unreadable(OutboxMessage message, Exception e) {
        return new DeliveryResult.Rejected("the " + message.kind() + " message is not readable: " + e.getMessage());
    }
}
