package dev.runbot.provisioner.cluster;

import java.time.Instant;
import java.util.Map;

/**
 * A namespace that carries runbot's label, as the cluster has it: whose it is, how old, and
 * whether it is already going away — enough to match it to a record, to rebuild a lost record
 * from it, or to collect it as an orphan.
 *
 * @param createdAt   when the cluster created it, which is when an orphan's grace period starts
 * @param terminating whether it is being deleted
 */
public record RunbotNamespace(String name, Map<String, String> labels, Map<String, String> annotations,
                              Instant createdAt, boolean terminating) {

    public RunbotNamespace {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
