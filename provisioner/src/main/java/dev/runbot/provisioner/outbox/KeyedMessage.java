package dev.runbot.provisioner.outbox;

import io.micronaut.core.annotation.Introspected;

/** Just enough of an undelivered message to know which one goes first within its key. */
@Introspected
record KeyedMessage(Long id, String coalesceKey) {
}
