package dev.runbot.bot.outbox;

import dev.runbot.provisioner.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Puts runbot's records in the outbox as JSON, the form {@link QueuedMessages#read} reads them back in. */
@Singleton
public class JsonOutbox {

    private final Outbox outbox;
    private final JsonMapper json;

    JsonOutbox(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** As {@link Outbox#enqueue}, with {@code value} written as JSON. */
    public void enqueue(String destination, String kind, @Nullable String coalesceKey, Object value) {
        String payload;
        try {
            payload = json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a " + destination + " " + kind + " message as JSON", e);
        }
        outbox.enqueue(destination, kind, coalesceKey, payload);
    }
}
