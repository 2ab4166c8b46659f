package dev.runbot.provisioner.cluster;

import com.google.gson.Gson;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentLabels;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.CreateOptions;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import io.kubernetes.client.util.generic.options.ListOptions;
import io.kubernetes.client.util.generic.options.PatchOptions;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies environments to a real Kubernetes API: the namespace first, then every rendered object
 * by server-side apply (field manager {@code runbot}, forced) in dependency order, creating where
 * apply answers 404 and replacing where a server cannot apply (415); then prunes what the
 * render no longer holds. Destroy deletes the namespace and reports it gone only when the API no
 * longer has it.
 */
public class KubernetesClusterApplier implements ClusterApplier {

    static final String FIELD_MANAGER = "runbot";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterApplier.class);

    private final KubernetesCalls calls;
    private final Map<ResourceKind, DynamicKubernetesApi> apis = new EnumMap<>(ResourceKind.class);
    private final WorkloadReadiness readiness;
    private final Gson gson;
    private final String instance;

    KubernetesClusterApplier(ApiClient client, KubernetesCalls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
        for (ResourceKind kind : ResourceKind.values()) {
            apis.put(kind, new DynamicKubernetesApi(kind.group(), kind.version(), kind.plural(), client));
        }
        this.gson = apis.get(ResourceKind.NAMESPACE).getGson();
        this.readiness = new WorkloadReadiness(client, calls);
    }

    @Override
    public ApplyResult apply(Environment environment, RenderedChart chart) {
        String namespace = environment.namespace();
        List<ManifestObject> objects;
        try {
            objects = ManifestObject.parse(chart.manifest());
        } catch (IllegalArgumentException e) {
            return new ApplyResult.Failed(e.getMessage());
        }
        if (terminating(namespace)) {
            return new ApplyResult.Waiting("namespace \"" + namespace + "\" is still being deleted");
        }
        List<ManifestObject> wanted = new ArrayList<>(objects);
        if (objects.stream().noneMatch(object -> object.kind() == ResourceKind.NAMESPACE)) {
            wanted.add(0, namespaceOf(environment));
        }
        for (ManifestObject object : wanted) {
            Optional<ApplyResult> problem = applyOne(object, namespace);
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        prune(environment, objects);
        return new ApplyResult.Applied();
    }

    @Override
    public Readiness readiness(Environment environment) {
        return readiness.check(environment.namespace());
    }

    @Override
    public Map<String, Readiness> readiness(Collection<Environment> environments) {
        if (environments.isEmpty()) {
            return Map.of();
        }
        return readiness.checkAll(environments.stream().map(Environment::namespace).collect(Collectors.toSet()));
    }

    @Override
    public Optional<List<RunbotNamespace>> namespaces() {
        ListOptions selector = new ListOptions();
        selector.setLabelSelector(EnvironmentLabels.namespaceSelector(instance));
        KubernetesApiResponse<DynamicKubernetesListObject> listed = calls.call("listing runbot's namespaces",
                () -> apis.get(ResourceKind.NAMESPACE).list(selector));
        if (!listed.isSuccess()) {
            throw new IllegalStateException("listing runbot's namespaces was refused: " + KubernetesCalls.describe(listed));
        }
        List<DynamicKubernetesObject> items = listed.getObject().getItems() == null ? List.of()
                : listed.getObject().getItems();
        List<RunbotNamespace> namespaces = new ArrayList<>();
        for (DynamicKubernetesObject item : items) {
            V1ObjectMeta metadata = item.getMetadata();
            if (metadata == null || metadata.getName() == null) {
                continue;
            }
            Instant created = metadata.getCreationTimestamp() == null ? Instant.EPOCH
                    : metadata.getCreationTimestamp().toInstant();
            namespaces.add(new RunbotNamespace(metadata.getName(), metadata.getLabels(), metadata.getAnnotations(),
                    created, metadata.getDeletionTimestamp() != null));
        }
        return Optional.of(namespaces);
    }

    /** A merge patch of the namespace's metadata only: what the chart applied stays as it is. */
    @Override
    public void annotate(Environment environment) {
        String namespace = environment.namespace();
        JsonObject metadata = new JsonObject();
        metadata.add("labels", gson.toJsonTree(namespaceLabels(environment)));
        JsonObject annotations = gson.toJsonTree(EnvironmentLabels.annotations(environment)).getAsJsonObject();
        // A merge patch removes only what it names as null: runbot's annotations it no longer sets.
        EnvironmentLabels.ANNOTATIONS.stream().filter(key -> !annotations.has(key))
                .forEach(key -> annotations.add(key, JsonNull.INSTANCE));
        metadata.add("annotations", annotations);
        JsonObject body = new JsonObject();
        body.add("metadata", metadata);
        String what = "annotating namespace \"" + namespace + "\"";
        KubernetesApiResponse<DynamicKubernetesObject> patched = calls.call(what, () -> apis.get(ResourceKind.NAMESPACE)
                .patch(namespace, V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, new V1Patch(body.toString())));
        if (!patched.isSuccess() && patched.getHttpStatusCode() != 404) {
            throw new IllegalStateException(what + " was refused: " + KubernetesCalls.describe(patched));
        }
    }

    @Override
    public boolean deleteNamespace(String namespace) {
        String what = "deleting namespace \"" + namespace + "\"";
        KubernetesApiResponse<DynamicKubernetesObject> deleted = calls.call(what,
                () -> apis.get(ResourceKind.NAMESPACE).delete(namespace, background()));
        int code = deleted.getHttpStatusCode();
        if (!deleted.isSuccess() && code != 404 && code != 409) {
            throw new IllegalStateException(what + " was refused: " + KubernetesCalls.describe(deleted));
        }
        // 409: another pass is deleting it already, and that pass reports it.
        return deleted.isSuccess();
    }

    /**
     * Deletes the namespace first, so the destroy is under way at once, then every object that
     * carries the environment's label, volume claims included: nothing is left even where no
     * namespace controller cascades the delete.
     */
    @Override
    public Gone destroy(Environment environment) {
        String namespace = environment.namespace();
        DynamicKubernetesApi api = apis.get(ResourceKind.NAMESPACE);
        KubernetesApiResponse<DynamicKubernetesObject> deleted = calls.call(
                "deleting namespace \"" + namespace + "\"", () -> api.delete(namespace, background()));
        if (deleted.getHttpStatusCode() == 409) {
            // Kubernetes answers a delete of a namespace it is already emptying with 409: an earlier
            // pass deleted it and swept its objects; the namespace controller finishes the rest.
            return Gone.TERMINATING;
        }
        if (!deleted.isSuccess() && deleted.getHttpStatusCode() != 404) {
            throw new IllegalStateException("deleting namespace \"" + namespace + "\" was refused: "
                    + KubernetesCalls.describe(deleted));
        }
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.namespaced()) {
                deleteLabelled(kind, environment, Set.of());
            }
        }
        KubernetesApiResponse<DynamicKubernetesObject> after = calls.call(
                "reading namespace \"" + namespace + "\"", () -> api.get(namespace));
        return after.getHttpStatusCode() == 404 ? Gone.YES : Gone.TERMINATING;
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    /** Applies one object; empty when it is in place, otherwise why not. */
    private Optional<ApplyResult> applyOne(ManifestObject object, String namespace) {
        DynamicKubernetesApi api = apis.get(object.kind());
        JsonObject body = gson.toJsonTree(object.body()).getAsJsonObject();
        if (object.kind().namespaced()) {
            body.getAsJsonObject("metadata").addProperty("namespace", namespace);
        } else if (object.kind() == ResourceKind.NAMESPACE) {
            JsonObject metadata = body.getAsJsonObject("metadata");
            if (!metadata.has("labels") || !metadata.get("labels").isJsonObject()) {
                metadata.add("labels", new JsonObject());
            }
            metadata.getAsJsonObject("labels").addProperty(EnvironmentLabels.INSTANCE, instance);
        }
        String what = "applying \"" + object.reference() + "\" to namespace \"" + namespace + "\"";
        V1Patch patch = new V1Patch(body.toString());
        PatchOptions options = new PatchOptions().fieldManager(FIELD_MANAGER).force(true);
        KubernetesApiResponse<DynamicKubernetesObject> response = calls.call(what, () -> object.kind().namespaced()
                ? api.patch(namespace, object.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, options)
                : api.patch(object.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, options));
        if (response.getHttpStatusCode() == 415) {
            response = replace(api, object, namespace, body, what);
        }
        if (object.kind() == ResourceKind.JOB && response.getHttpStatusCode() == 422) {
            // A Job's pod template cannot change; a changed seed Job is replaced, not updated.
            LOG.info("{}: the Job changed and Jobs are immutable; replacing it", what);
            calls.call("deleting \"" + object.reference() + "\" to replace it",
                    () -> api.delete(namespace, object.name(), background()));
            response = create(api, object, namespace, body, what);
        } else if (response.getHttpStatusCode() == 404) {
            response = create(api, object, namespace, body, what);
        }
        if (response.isSuccess()) {
            LOG.debug("{}: done", what);
            return Optional.empty();
        }
        String refusal = KubernetesCalls.describe(response);
        if (response.getHttpStatusCode() == 403 && refusal.contains("being terminated")
                || object.kind() == ResourceKind.NAMESPACE && response.getHttpStatusCode() == 409) {
            return Optional.of(new ApplyResult.Waiting("namespace \"" + namespace + "\" is still being deleted"));
        }
        return Optional.of(new ApplyResult.Failed(what + " was refused (" + refusal + ")"));
    }

    /**
     * Creates the object. client-java 22 sends a cluster-scoped create's field manager as
     * {@code dryRun=<manager>}, which a real API server refuses, so cluster-scoped objects (the
     * namespace) are created without options.
     */
    private KubernetesApiResponse<DynamicKubernetesObject> create(DynamicKubernetesApi api, ManifestObject object,
                                                                  String namespace, JsonObject body, String what) {
        DynamicKubernetesObject created = new DynamicKubernetesObject(body);
        CreateOptions options = new CreateOptions();
        options.setFieldManager(FIELD_MANAGER);
        return calls.call(what, () -> object.kind().namespaced()
                ? api.create(namespace, created, options)
                : api.create(created, new CreateOptions()));
    }

    /**
     * For an API server without server-side apply (it answers 415): replace the whole object at its
     * current resource version, which, like apply, drops what the render no longer sets.
     */
    private KubernetesApiResponse<DynamicKubernetesObject> replace(DynamicKubernetesApi api, ManifestObject object,
                                                                   String namespace, JsonObject body, String what) {
        KubernetesApiResponse<DynamicKubernetesObject> current = calls.call(what, () -> object.kind().namespaced()
                ? api.get(namespace, object.name())
                : api.get(object.name()));
        if (!current.isSuccess()) {
            return current;
        }
        JsonObject replacement = body.deepCopy();
        replacement.getAsJsonObject("metadata").addProperty("resourceVersion",
                current.getObject().getMetadata().getResourceVersion());
        return calls.call(what, () -> api.update(new DynamicKubernetesObject(replacement)));
    }

    /** Deletes objects of this environment that the new render no longer contains; volumes stay. */
    private void prune(Environment environment, List<ManifestObject> rendered) {
        Set<String> keep = new HashSet<>();
        rendered.forEach(object -> keep.add(object.reference()));
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.pruned()) {
                deleteLabelled(kind, environment, keep);
            }
        }
    }

    /** Deletes the objects of one kind that carry the environment's label, except those in {@code keep}. */
    private void deleteLabelled(ResourceKind kind, Environment environment, Set<String> keep) {
        String namespace = environment.namespace();
        DynamicKubernetesApi api = apis.get(kind);
        ListOptions selector = new ListOptions();
        selector.setLabelSelector(EnvironmentLabels.ENVIRONMENT + "=" + environment.name());
        KubernetesApiResponse<DynamicKubernetesListObject> listed = calls.call(
                "listing " + kind.plural() + " of \"" + environment.name() + "\"", () -> api.list(namespace, selector));
        if (!listed.isSuccess() || listed.getObject().getItems() == null) {
            return;
        }
        for (DynamicKubernetesObject existing : listed.getObject().getItems()) {
            String name = existing.getMetadata().getName();
            if (!keep.contains(kind.kind() + "/" + name)) {
                LOG.info("deleting \"{}/{}\" of \"{}\"", kind.kind(), name, environment.name());
                calls.call("deleting \"" + kind.kind() + "/" + name + "\"", () -> api.delete(namespace, name));
            }
        }
    }

    private boolean terminating(String namespace) {
        KubernetesApiResponse<DynamicKubernetesObject> existing = calls.call(
                "reading namespace \"" + namespace + "\"", () -> apis.get(ResourceKind.NAMESPACE).get(namespace));
        return existing.isSuccess() && existing.getObject().getMetadata() != null
                && existing.getObject().getMetadata().getDeletionTimestamp() != null;
    }

    /** For charts that render no Namespace: runbot's own, with the environment's labels and annotations. */
    private static ManifestObject namespaceOf(Environment environment) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", environment.namespace());
        // The installation's label is added as every Namespace is applied (applyOne).
        metadata.put("labels", EnvironmentLabels.labels(environment));
        metadata.put("annotations", EnvironmentLabels.annotations(environment));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "v1");
        body.put("kind", "Namespace");
        body.put("metadata", metadata);
        return new ManifestObject(ResourceKind.NAMESPACE, environment.namespace(), body);
    }

    /** The environment's labels and this installation's, which only namespaces carry. */
    private Map<String, String> namespaceLabels(Environment environment) {
        Map<String, String> labels = new LinkedHashMap<>(EnvironmentLabels.labels(environment));
        labels.put(EnvironmentLabels.INSTANCE, instance);
        return labels;
    }

    private static DeleteOptions background() {
        DeleteOptions options = new DeleteOptions();
        options.setPropagationPolicy("Background");
        return options;
    }
}
