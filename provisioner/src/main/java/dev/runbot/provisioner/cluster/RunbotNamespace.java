package dev.runbot.provisioner.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
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
        labels = present(labels);
        annotations = present(annotations);
    }

    /** The entries with a key and a value: an API server may send an empty annotation as null. */
    private static Map<String, String> present(Map<String, String> entries) {
        Map<String, String> present = new HashMap<>();
        if (entries != null) {
            entries.forEach((key, value) -> {
                if (key != null && value != null) {
                    present.put(key, value);
                }
            });
        }
        return Collections.unmodifiableMap(present);
    }
}
