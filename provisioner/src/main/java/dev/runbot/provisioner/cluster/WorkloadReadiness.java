package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.environment.EnvironmentLabels;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentCondition;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StatefulSetList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an environment's Deployments, StatefulSets and Pods and says whether they serve, and if
 * they never will, why: an image that cannot be pulled, a container that keeps crashing, a quota
 * that forbids the pods.
 */
final class WorkloadReadiness {

    private static final Set<String> IMAGE_PULL = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> CANNOT_START = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    private final KubernetesCalls calls;
    private final GenericKubernetesApi<V1Deployment, V1DeploymentList> deployments;
    private final GenericKubernetesApi<V1StatefulSet, V1StatefulSetList> statefulSets;
    private final GenericKubernetesApi<V1Pod, V1PodList> pods;

    WorkloadReadiness(ApiClient client, KubernetesCalls calls) {
        this.calls = calls;
        this.deployments = new GenericKubernetesApi<>(V1Deployment.class, V1DeploymentList.class, "apps", "v1",
                "deployments", client);
        this.statefulSets = new GenericKubernetesApi<>(V1StatefulSet.class, V1StatefulSetList.class, "apps", "v1",
                "statefulsets", client);
        this.pods = new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client);
    }

    Readiness check(String namespace) {
        return evaluate(list(deployments, namespace, "deployments"), list(statefulSets, namespace, "statefulsets"),
                list(pods, namespace, "pods"));
    }

    /**
     * The readiness of each of these namespaces from three cluster-wide LISTs by runbot's label,
     * however many namespaces there are; the pods of runbot's workloads carry its labels too.
     */
    Map<String, Readiness> checkAll(Set<String> namespaces) {
        Map<String, List<V1Deployment>> deploymentsByNamespace = byNamespace(listAll(deployments, "deployments"));
        Map<String, List<V1StatefulSet>> statefulSetsByNamespace = byNamespace(listAll(statefulSets, "statefulsets"));
        Map<String, List<V1Pod>> podsByNamespace = byNamespace(listAll(pods, "pods"));
        Map<String, Readiness> readiness = new HashMap<>();
        for (String namespace : namespaces) {
            readiness.put(namespace, evaluate(deploymentsByNamespace.getOrDefault(namespace, List.of()),
                    statefulSetsByNamespace.getOrDefault(namespace, List.of()),
                    podsByNamespace.getOrDefault(namespace, List.of())));
        }
        return readiness;
    }

    private static Readiness evaluate(List<V1Deployment> deploymentList, List<V1StatefulSet> statefulSetList,
                                      List<V1Pod> podList) {
        Optional<String> broken = Stream.concat(
                        deploymentList.stream().map(WorkloadReadiness::deploymentFailure),
                        podList.stream().map(WorkloadReadiness::podFailure))
                .flatMap(Optional::stream)
                .findFirst();
        if (broken.isPresent()) {
            return new Readiness.Failed(broken.get());
        }
        List<String> waiting = new ArrayList<>();
        for (V1Deployment deployment : deploymentList) {
            int wanted = replicas(deployment.getSpec() == null ? null : deployment.getSpec().getReplicas());
            int available = count(deployment.getStatus() == null ? null : deployment.getStatus().getAvailableReplicas());
            int updated = count(deployment.getStatus() == null ? null : deployment.getStatus().getUpdatedReplicas());
            if (!observed(deployment) || available < wanted || updated < wanted) {
                waiting.add("Deployment/" + deployment.getMetadata().getName() + ": " + Math.min(available, updated)
                        + " of " + wanted + " ready");
            }
        }
        for (V1StatefulSet statefulSet : statefulSetList) {
            int wanted = replicas(statefulSet.getSpec() == null ? null : statefulSet.getSpec().getReplicas());
            int ready = count(statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas());
            if (ready < wanted) {
                waiting.add("StatefulSet/" + statefulSet.getMetadata().getName() + ": " + ready + " of " + wanted
                        + " ready");
            }
        }
        podList.stream().map(WorkloadReadiness::unscheduled).flatMap(Optional::stream).findFirst()
                .ifPresent(waiting::add);
        return waiting.isEmpty() ? new Readiness.Ready() : new Readiness.Progressing(String.join("; ", waiting));
    }

    /** Whether the Deployment controller has seen the latest spec; servers that keep no generation have nothing to compare. */
    private static boolean observed(V1Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
        return generation == null || observed != null && observed >= generation;
    }

    /** A Deployment whose pods are refused (quota) or whose rollout gave up. */
    private static Optional<String> deploymentFailure(V1Deployment deployment) {
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        String name = "Deployment/" + deployment.getMetadata().getName();
        for (V1DeploymentCondition condition : deployment.getStatus().getConditions()) {
            if ("ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                return Optional.of(name + " cannot create its pods: " + condition.getMessage());
            }
            if ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "ProgressDeadlineExceeded".equals(condition.getReason())) {
                return Optional.of(name + " did not finish rolling out: " + condition.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> podFailure(V1Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<V1ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (V1ContainerStatus status : statuses) {
            V1ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting == null || waiting.getReason() == null) {
                continue;
            }
            String reason = waiting.getReason();
            String message = waiting.getMessage() == null ? "" : ": " + waiting.getMessage();
            if (IMAGE_PULL.contains(reason)) {
                return Optional.of(reason + " for " + status.getImage() + message);
            }
            if ("CrashLoopBackOff".equals(reason)) {
                return Optional.of("CrashLoopBackOff: container \"" + status.getName() + "\" keeps exiting"
                        + lastExit(status) + " (" + count(status.getRestartCount()) + " restarts)");
            }
            if (CANNOT_START.contains(reason)) {
                return Optional.of(reason + " in container \"" + status.getName() + "\"" + message);
            }
        }
        return Optional.empty();
    }

    private static String lastExit(V1ContainerStatus status) {
        V1ContainerStateTerminated terminated = status.getLastState() == null ? null
                : status.getLastState().getTerminated();
        if (terminated == null) {
            return "";
        }
        String reason = terminated.getReason() == null ? "exited" : terminated.getReason();
        String message = terminated.getMessage() == null ? "" : ": " + terminated.getMessage().strip();
        return "; last exit: " + reason + " with code " + terminated.getExitCode() + message;
    }

    /** A pod no node can take, e.g. {@code 0/3 nodes are available: 3 Insufficient cpu}; may pass as nodes free up. */
    private static Optional<String> unscheduled(V1Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (V1PodCondition condition : pod.getStatus().getConditions()) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason())) {
                return Optional.of("pod " + pod.getMetadata().getName() + " cannot be scheduled: "
                        + condition.getMessage());
            }
        }
        return Optional.empty();
    }

    private <T extends KubernetesObject, L extends KubernetesListObject> List<T> list(GenericKubernetesApi<T, L> api,
                                                                                       String namespace, String what) {
        KubernetesApiResponse<L> response = calls.call("listing " + what + " in namespace \"" + namespace + "\"",
                () -> api.list(namespace, new ListOptions()));
        if (!response.isSuccess()) {
            throw new IllegalStateException("listing " + what + " in namespace \"" + namespace + "\" failed: "
                    + KubernetesCalls.describe(response));
        }
        @SuppressWarnings("unchecked")
        List<T> items = (List<T>) response.getObject().getItems();
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
    }

    private <T extends KubernetesObject, L extends KubernetesListObject> List<T> listAll(GenericKubernetesApi<T, L> api,
                                                                                          String what) {
        ListOptions options = new ListOptions();
        options.setLabelSelector(EnvironmentLabels.SELECTOR);
        KubernetesApiResponse<L> response = calls.call("listing runbot's " + what + " in every namespace",
                () -> api.list(options));
        if (!response.isSuccess()) {
            throw new IllegalStateException("listing runbot's " + what + " in every namespace failed: "
                    + KubernetesCalls.describe(response));
        }
        @SuppressWarnings("unchecked")
        List<T> items = (List<T>) response.getObject().getItems();
        return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
    }

    private static <T extends KubernetesObject> Map<String, List<T>> byNamespace(List<T> objects) {
        return objects.stream().filter(object -> object.getMetadata() != null
                        && object.getMetadata().getNamespace() != null)
                .collect(Collectors.groupingBy(object -> object.getMetadata().getNamespace()));
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
