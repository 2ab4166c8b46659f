package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.environment.Environment;

/** Makes the cluster hold exactly what a rendered chart says, or nothing at all. */
public interface ClusterApplier {

    /** Applies {@code chart} as the whole content of the environment's namespace, pruning what it no longer holds. */
    ApplyResult apply(Environment environment, RenderedChart chart);

    /** Whether the applied workloads serve yet. */
    Readiness readiness(Environment environment);

    /** Deletes the environment's namespace and everything in it; already gone counts as done. */
    Gone destroy(Environment environment);

    /** Whether this applier only renders to disk instead of touching a cluster. */
    boolean dryRun();

    /** Whether a destroyed environment is entirely gone, or its namespace is still terminating. */
    enum Gone { YES, TERMINATING }
}
