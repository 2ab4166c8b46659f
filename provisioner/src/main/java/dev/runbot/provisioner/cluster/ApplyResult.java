package dev.runbot.provisioner.cluster;

/** How applying an environment went. */
public sealed interface ApplyResult {

    /** Every object is in place and nothing needs waiting for (the dry-run cluster). */
    record Ready() implements ApplyResult {
    }

    /** Every object is in place; its workloads still have to become ready. */
    record Applied() implements ApplyResult {
    }

    /** Not now, but it will work later (the namespace is still being deleted); try again on a later pass. */
    record Waiting(String reason) implements ApplyResult {
    }

    /** It could not be applied; {@code reason} is written for the developer who reads it. */
    record Failed(String reason) implements ApplyResult {
    }
}
