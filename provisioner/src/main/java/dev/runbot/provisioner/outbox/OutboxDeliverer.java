package dev.runbot.provisioner.outbox;

/**
 * Sends the messages of one destination (GitHub, Slack, ...) to where they go. One bean per
 * destination; the worker refuses to start when two claim the same one.
 *
 * <p>Delivery is at least once: a crash between sending and recording sends the message again
 * with the same {@link OutboxMessage#id()}, so a deliverer makes sending idempotent where the
 * remote allows it (edit the one sticky comment, set a reaction that may already exist). It
 * answers with a {@link DeliveryResult} rather than throwing; anything thrown counts as
 * {@link DeliveryResult.Retry}. It must not wait without a timeout: the pass waits for it.
 */
public interface OutboxDeliverer {

    /** The destination this deliverer takes, as written in {@link OutboxMessage#destination()}. */
    String destination();

    DeliveryResult deliver(OutboxMessage message);
}
