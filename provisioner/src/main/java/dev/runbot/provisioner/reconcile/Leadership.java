package dev.runbot.provisioner.reconcile;

/**
 * Whether this replica runs the periodic, cluster-wide work (deadlines, orphans, rebuilding
 * records, checking pull requests): exactly one replica does at a time, while every replica
 * accepts commands.
 */
public interface Leadership extends AutoCloseable {

    /** Whether this replica leads now; asked at the start of each periodic pass. */
    boolean leading();

    /** Stops leading and hands the work over at once, when there is anyone to hand it to. */
    @Override
    default void close() {
    }

    /** For one replica with nothing to share the work with: a dry run, or no cluster to hold a Lease in. */
    Leadership SOLE = () -> true;
}
