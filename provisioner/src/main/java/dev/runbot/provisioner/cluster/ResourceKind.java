package dev.runbot.provisioner.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The kinds a preview environment is made of, in the order they are applied: the namespace, then
 * its limits and policies, then what workloads read (secrets, config, volumes), the workloads, and
 * last what routes traffic to them. runbot needs no API discovery to apply them.
 */
public enum ResourceKind {
    NAMESPACE("", "v1", "Namespace", "namespaces", false),
    RESOURCE_QUOTA("", "v1", "ResourceQuota", "resourcequotas", true),
    LIMIT_RANGE("", "v1", "LimitRange", "limitranges", true),
    NETWORK_POLICY("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
    SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts", true),
    SECRET("", "v1", "Secret", "secrets", true),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps", true),
    PERSISTENT_VOLUME_CLAIM("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
    SERVICE("", "v1", "Service", "services", true),
    STATEFUL_SET("apps", "v1", "StatefulSet", "statefulsets", true),
    DEPLOYMENT("apps", "v1", "Deployment", "deployments", true),
    JOB("batch", "v1", "Job", "jobs", true),
    INGRESS("networking.k8s.io", "v1", "Ingress", "ingresses", true);

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final boolean namespaced;

    ResourceKind(String group, String version, String kind, String plural, boolean namespaced) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /**
     * Whether an object of this kind that a new render no longer contains is deleted on redeploy.
     * Volume claims are not: data survives a redeploy, and goes with the namespace.
     */
    public boolean pruned() {
        return namespaced && this != PERSISTENT_VOLUME_CLAIM;
    }

    public static Optional<ResourceKind> of(String apiVersion, String kind) {
        return List.of(values()).stream()
                .filter(known -> known.apiVersion().equals(apiVersion) && known.kind.equals(kind))
                .findFirst();
    }
}
