package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.environment.Environment;

/** Makes the cluster hold exactly what a rendered chart says, or nothing at all. */
public interface ClusterApplier {

    /** Applies {@code chart} as the whole content of the environment's namespace. */
    ApplyResult apply(Environment environment, RenderedChart chart);

    /** Removes the environment's namespace and everything in it; already gone counts as done. */
    void destroy(Environment environment);

    /** Whether this applier only renders to disk instead of touching a cluster. */
    boolean dryRun();
}
