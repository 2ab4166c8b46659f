package dev.runbot.provisioner.cluster;

/** How applying an environment went. */
public sealed interface ApplyResult {

    /** Every object is in place and ready. */
    record Ready() implements ApplyResult {
    }

    /** It could not be applied; {@code reason} is written for the developer who reads it. */
    record Failed(String reason) implements ApplyResult {
    }
}
