package dev.runbot.provisioner.environment;

import java.util.Locale;

/** Where an environment actually is, as runbot last observed it. */
public enum EnvironmentState {
    /** Asked for; nothing applied yet for the wanted sha. */
    PENDING,
    /** Applied; waiting for its workloads to become ready. */
    PROVISIONING,
    /** Up and serving at its URL. */
    READY,
    /** The last deploy failed; the environment stays up for debugging until TTL or down. */
    FAILED,
    /** Being torn down. */
    DESTROYING,
    /** Gone from the cluster; the row stays as history. */
    DESTROYED;

    /** Whether the environment exists (or is meant to) in the cluster. */
    public boolean live() {
        return this != DESTROYED;
    }

    /** How people read it: {@code ready}, {@code destroying}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
