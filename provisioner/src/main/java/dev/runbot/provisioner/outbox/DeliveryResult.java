package dev.runbot.provisioner.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a destination made of one delivery attempt; the worker turns it into the message's next state. */
public sealed interface DeliveryResult permits DeliveryResult.Delivered, DeliveryResult.Retry, DeliveryResult.Rejected {

    /** The destination accepted it; it is never sent again. */
    record Delivered() implements DeliveryResult {
    }

    /**
     * Not now (outage, rate limit, timeout): tried again after the backoff, or after {@code after}
     * when the destination said how long to wait (Retry-After) and that is longer.
     */
    record Retry(String reason, Optional<Duration> after) implements DeliveryResult {
        public Retry {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(after, "after");
        }

        public Retry(String reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * Never (e.g. 404 for a deleted pull request, 403 for a channel the bot left): it stops being
     * tried, and its row keeps the reason.
     */
    record Rejected(String reason) implements DeliveryResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
