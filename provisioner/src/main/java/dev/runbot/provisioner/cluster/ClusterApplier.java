package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.environment.Environment;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Makes the cluster hold exactly what a rendered chart says, or nothing at all. */
public interface ClusterApplier {

    /** Applies {@code chart} as the whole content of the environment's namespace, pruning what it no longer holds. */
    ApplyResult apply(Environment environment, RenderedChart chart);

    /** Whether the applied workloads serve yet. */
    Readiness readiness(Environment environment);

    /**
     * Whether each environment's workloads serve yet, read with the same few calls however many
     * environments there are; keyed by namespace.
     */
    Map<String, Readiness> readiness(Collection<Environment> environments);

    /** Every namespace carrying runbot's label, read with one LIST; empty when there is no cluster (a dry run). */
    Optional<List<RunbotNamespace>> namespaces();

    /** Writes the environment's labels and annotations onto its namespace, so its record can be rebuilt from it. */
    void annotate(Environment environment);

    /** Deletes a namespace of runbot's that no environment owns; whether this call deleted it. */
    boolean deleteNamespace(String namespace);

    /** Deletes the environment's namespace and everything in it; already gone counts as done. */
    Gone destroy(Environment environment);

    /** Whether this applier only renders to disk instead of touching a cluster. */
    boolean dryRun();

    /** Whether a destroyed environment is entirely gone, or its namespace is still terminating. */
    enum Gone { YES, TERMINATING }
}
