package dev.runbot.provisioner.outbox;

/**
 * How one delivery attempt of an outbox message was recorded, announced by the worker so the
 * application can count retries and messages given up, without the outbox knowing any metrics library.
 *
 * @param kind the message's kind, e.g. {@code sticky-comment}: a handful per destination
 */
public record DeliveryOutcome(String destination, String kind, Outcome outcome) {

    /** What became of the message. */
    public enum Outcome {
        DELIVERED,
        /** Not delivered; it is tried again later. */
        RETRY,
        /** Given up for good; its row keeps the reason. */
        REJECTED
    }
}
