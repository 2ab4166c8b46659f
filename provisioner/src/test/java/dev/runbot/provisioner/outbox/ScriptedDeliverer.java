package dev.runbot.provisioner.outbox;

import dev.runbot.provisioner.outbox.DeliveryResult.Delivered;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A destination that answers as the test says: the next scripted step, or else {@link #otherwise}.
 * It writes every message it is offered to a journal, shared between deliverers when order across
 * destinations matters.
 */
final class ScriptedDeliverer implements OutboxDeliverer {

    private final String destination;
    private final List<String> journal;
    private final List<OutboxMessage> offered = new ArrayList<>();
    private final Deque<Function<OutboxMessage, DeliveryResult>> script = new ArrayDeque<>();
    private Function<OutboxMessage, DeliveryResult> otherwise = message -> new Delivered();

    ScriptedDeliverer(String destination) {
        this(destination, new ArrayList<>());
    }

    ScriptedDeliverer(String destination, List<String> journal) {
        this.destination = destination;
        this.journal = journal;
    }

    /** Answers the next attempts with these results, in order. */
    ScriptedDeliverer then(DeliveryResult... results) {
        for (DeliveryResult result : results) {
            script.add(message -> result);
        }
        return this;
    }

    /** Answers the next attempt by running {@code step}, which may throw. */
    ScriptedDeliverer then(Function<OutboxMessage, DeliveryResult> step) {
        script.add(step);
        return this;
    }

    /** How every attempt without a scripted step is answered. */
    ScriptedDeliverer otherwise(Function<OutboxMessage, DeliveryResult> answer) {
        otherwise = answer;
        return this;
    }

    List<OutboxMessage> offered() {
        return offered;
    }

    List<String> payloads() {
        return offered.stream().map(OutboxMessage::payload).toList();
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public DeliveryResult deliver(OutboxMessage message) {
        offered.add(message);
        journal.add(destination + ":" + message.payload());
        Function<OutboxMessage, DeliveryResult> step = script.poll();
        return (step != null ? step : otherwise).apply(message);
    }
}
