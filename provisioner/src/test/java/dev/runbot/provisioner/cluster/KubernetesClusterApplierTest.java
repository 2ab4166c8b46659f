package dev.runbot.provisioner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.chart.ChartRenderer;
import dev.runbot.provisioner.chart.RenderRequest;
import dev.runbot.provisioner.chart.RenderedChart;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The applier against fabric8's Kubernetes API server in CRUD mode, with the built-in chart
 * rendered by real Helm: apply, redeploy and prune, readiness and its failures, destroy, and the
 * API's bad days (500, 429, 403, a namespace still terminating).
 */
@EnableKubernetesMockClient(crud = true, https = false)
@MicronautTest(transactional = false)
@Property(name = "runbot.kubernetes.dry-run", value = "true")
@Property(name = "runbot.data-dir", value = "target/test-data/applier")
class KubernetesClusterApplierTest {

    static final RepositoryName SHOP = RepositoryName.parse("acme/shop").orElseThrow();
    static final AtomicInteger NUMBERS = new AtomicInteger(100);

    /** The server logs every request through java.util.logging; kept here so the level sticks. */
    static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    static KubernetesMockServer server;
    static KubernetesClient kube;

    @Inject ChartRenderer renderer;

    KubernetesClusterApplier applier;
    /** Each test has its own pull request, so its namespace starts empty on the shared server. */
    int number;
    String namespace;

    @BeforeEach
    void clientOnTheMockServer() {
        number = NUMBERS.incrementAndGet();
        namespace = "shop-pr-" + number;
        ApiClient client = new ClientBuilder().setBasePath(server.url("/").replaceAll("/$", "")).build();
        applier = new KubernetesClusterApplier(client, new KubernetesCalls(4, Duration.ofMillis(5), Duration.ofMillis(50)),
                "runbot");
    }

    @Test
    void applyCreatesTheNamespaceAndEveryObjectWithTheEnvironmentsLabels() {
        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234")))).isEqualTo(new ApplyResult.Applied());

        var created = kube.namespaces().withName(namespace).get();
        assertThat(created.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "runbot")
                .containsEntry("runbot.dev/environment", namespace).containsEntry("runbot.dev/pull-request", Integer.toString(number));
        assertThat(created.getMetadata().getAnnotations()).containsEntry("runbot.dev/head-sha", "abc1234");
        Deployment deployment = kube.apps().deployments().inNamespace(namespace).withName("app").get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(image());
        assertThat(deployment.getMetadata().getLabels()).containsEntry("runbot.dev/environment", namespace);
        assertThat(kube.services().inNamespace(namespace).withName("app").get()).isNotNull();
        assertThat(kube.network().v1().ingresses().inNamespace(namespace).withName("app").get().getSpec().getRules().get(0)
                .getHost()).isEqualTo(namespace + ".preview.test");
    }

    @Test
    void createsAreRealRequestsNotDryRuns() throws Exception {
        while (server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
            // earlier tests' requests
        }
        applier.apply(environment("abc1234"), render(environment("abc1234")));

        java.util.List<String> creates = new java.util.ArrayList<>();
        for (var request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS); request != null;
                request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if ("POST".equals(request.getMethod())) {
                creates.add(request.getPath());
            }
        }
        assertThat(creates).contains("/api/v1/namespaces", "/apis/apps/v1/namespaces/" + namespace
                + "/deployments?fieldManager=runbot").noneMatch(path -> path.contains("dryRun"));
    }

    @Test
    void aRedeployChangesTheImageAndPrunesWhatTheRenderDroppedButKeepsVolumes() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));
        kube.configMaps().inNamespace(namespace).resource(labelled(new ConfigMapBuilder().withNewMetadata()
                .withName("left-over").endMetadata().build())).create();
        kube.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data-postgres-0").addToLabels("runbot.dev/environment", namespace).endMetadata().build()).create();
        kube.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("not-ours")
                .endMetadata().build()).create();

        assertThat(applier.apply(environment("def5678"), render(environment("def5678")))).isEqualTo(new ApplyResult.Applied());

        assertThat(kube.apps().deployments().inNamespace(namespace).withName("app").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/shop:pr-" + number + "-def5678");
        assertThat(kube.configMaps().inNamespace(namespace).withName("left-over").get()).isNull();
        assertThat(kube.configMaps().inNamespace(namespace).withName("not-ours").get()).isNotNull();
        assertThat(kube.persistentVolumeClaims().inNamespace(namespace).withName("data-postgres-0").get()).isNotNull();
    }

    @Test
    void readyOnlyWhenTheDeploymentIsAvailable() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));

        assertThat(applier.readiness(environment("abc1234")))
                .isEqualTo(new Readiness.Progressing("Deployment/app: 0 of 1 ready"));

        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1)
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });

        assertThat(applier.readiness(environment("abc1234"))).isEqualTo(new Readiness.Ready());
    }

    @Test
    void theReadinessOfManyEnvironmentsIsReadWithThreeListsWhateverTheirNumber() throws Exception {
        Environment first = environment("abc1234");
        applier.apply(first, render(first));
        kube.pods().inNamespace(namespace).resource(labelled(pod("app-7d4b9-k8s2q"))).create();
        kube.pods().inNamespace(namespace).withName("app-7d4b9-k8s2q").editStatus(pod -> {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().addNewContainerStatus()
                    .withName("app").withImage(image()).withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ErrImagePull").endWaiting().endState()
                    .endContainerStatus().build());
            return pod;
        });
        clientOnTheMockServer();
        Environment second = environment("def5678");
        applier.apply(second, render(second));
        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1)
                    .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
            return deployment;
        });
        while (server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
            // the setup's requests
        }

        Map<String, Readiness> readiness = applier.readiness(java.util.List.of(first, second));

        assertThat(readiness).containsEntry(second.namespace(), new Readiness.Ready())
                .containsEntry(first.namespace(), new Readiness.Failed("ErrImagePull for " + first.image()));
        java.util.List<String> calls = new java.util.ArrayList<>();
        for (var request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS); request != null;
                request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            calls.add(request.getMethod() + " " + request.getPath().replaceAll("\\?.*", ""));
        }
        assertThat(calls).containsExactlyInAnyOrder("GET /apis/apps/v1/deployments", "GET /apis/apps/v1/statefulsets",
                "GET /api/v1/pods");
    }

    @Test
    void theNamespacesAreListedWithTheirAnnotationsAndAnnotateKeepsThemInStepWithTheRecord() {
        Environment pinned = environment("abc1234").toBuilder()
                .pinnedUntil(Instant.parse("2026-11-21T10:00:00Z")).build();
        applier.apply(environment("abc1234"), render(environment("abc1234")));

        applier.annotate(pinned);
        assertThat(listed().annotations()).containsEntry("runbot.dev/pinned-until", "2026-11-21T10:00:00Z")
                .containsEntry("runbot.dev/repository-name", "acme/shop")
                .containsEntry("runbot.dev/url", "https://" + namespace + ".preview.test");

        applier.annotate(pinned.toBuilder().pinnedUntil(null).build());
        RunbotNamespace unpinned = listed();
        assertThat(unpinned.annotations()).doesNotContainKey("runbot.dev/pinned-until")
                .containsEntry("runbot.dev/head-sha", "abc1234");
        assertThat(unpinned.labels()).containsEntry("runbot.dev/pull-request", Integer.toString(number));
        assertThat(unpinned.terminating()).isFalse();
        assertThat(unpinned.createdAt()).isBefore(Instant.now().plusSeconds(1));

        assertThat(applier.deleteNamespace(namespace)).isTrue();
        assertThat(applier.deleteNamespace(namespace)).as("already gone").isFalse();
        assertThat(applier.namespaces().orElseThrow()).noneMatch(listed -> listed.name().equals(namespace));
    }

    private RunbotNamespace listed() {
        return applier.namespaces().orElseThrow().stream().filter(listed -> listed.name().equals(namespace))
                .findFirst().orElseThrow();
    }

    @Test
    void anImageThatCannotBePulledFailsNamingTheImage() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));
        kube.pods().inNamespace(namespace).resource(pod("app-7d4b9-x2x9z")).create();
        kube.pods().inNamespace(namespace).withName("app-7d4b9-x2x9z").editStatus(pod -> {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().addNewContainerStatus()
                    .withName("app").withImage(image()).withImageID("").withReady(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"" + image() + "\"").endWaiting().endState()
                    .endContainerStatus().build());
            return pod;
        });

        assertThat(applier.readiness(environment("abc1234"))).isEqualTo(new Readiness.Failed(
                "ImagePullBackOff for " + image() + ": Back-off pulling image \"" + image() + "\""));
    }

    @Test
    void aCrashingContainerFailsWithItsLastExit() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));
        kube.pods().inNamespace(namespace).resource(pod("app-7d4b9-k8s2q")).create();
        kube.pods().inNamespace(namespace).withName("app-7d4b9-k8s2q").editStatus(pod -> {
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().addNewContainerStatus()
                    .withName("app").withImage(image()).withImageID("ghcr.io/acme/shop@sha256:0f1e")
                    .withReady(false).withRestartCount(4)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 40s restarting failed container").endWaiting().endState()
                    .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1)
                    .withMessage("FATAL: DATABASE_URL is not set\n").endTerminated().endLastState()
                    .endContainerStatus().build());
            return pod;
        });

        assertThat(applier.readiness(environment("abc1234"))).isEqualTo(new Readiness.Failed(
                "CrashLoopBackOff: container \"app\" keeps exiting; last exit: Error with code 1:"
                        + " FATAL: DATABASE_URL is not set (4 restarts)"));
    }

    @Test
    void podsRefusedByTheQuotaFailTheEnvironment() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));
        kube.apps().deployments().inNamespace(namespace).withName("app").editStatus(deployment -> {
            deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .addNewCondition().withType("ReplicaFailure").withStatus("True").withReason("FailedCreate")
                    .withMessage("pods \"app-7d4b9-abcde\" is forbidden: exceeded quota: preview, requested:"
                            + " limits.memory=512Mi, used: limits.memory=512Mi, limited: limits.memory=512Mi")
                    .endCondition().build());
            return deployment;
        });

        assertThat(applier.readiness(environment("abc1234"))).isEqualTo(new Readiness.Failed(
                "Deployment/app cannot create its pods: pods \"app-7d4b9-abcde\" is forbidden: exceeded quota:"
                        + " preview, requested: limits.memory=512Mi, used: limits.memory=512Mi, limited:"
                        + " limits.memory=512Mi"));
    }

    @Test
    void destroyLeavesNothingAndDestroyingWhatIsGoneSucceeds() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));

        assertThat(applier.destroy(environment("abc1234"))).isEqualTo(ClusterApplier.Gone.YES);
        assertThat(kube.namespaces().withName(namespace).get()).isNull();
        assertThat(applier.destroy(environment("abc1234"))).isEqualTo(ClusterApplier.Gone.YES);
    }

    @Test
    void destroyingANamespaceKubernetesIsStillEmptyingWaitsInsteadOfFailing() {
        applier.apply(environment("abc1234"), render(environment("abc1234")));
        server.expect().delete().withPath("/api/v1/namespaces/" + namespace)
                .andReturn(409, status(409, "Conflict", "Operation cannot be fulfilled on namespaces \"" + namespace
                        + "\": The system is ensuring all content is removed from this namespace.")).once();

        assertThat(applier.destroy(environment("abc1234"))).isEqualTo(ClusterApplier.Gone.TERMINATING);
        assertThat(applier.destroy(environment("abc1234"))).isEqualTo(ClusterApplier.Gone.YES);
    }

    @Test
    void aNamespaceStillTerminatingMakesApplyWaitThenSucceed() {
        server.expect().get().withPath("/api/v1/namespaces/" + namespace)
                .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace
                        + "\",\"deletionTimestamp\":\"2026-11-22T10:00:00Z\"},\"status\":{\"phase\":\"Terminating\"}}")
                .once();

        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234"))))
                .isEqualTo(new ApplyResult.Waiting("namespace \"" + namespace + "\" is still being deleted"));

        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234"))))
                .isEqualTo(new ApplyResult.Applied());
    }

    @Test
    void aNamespaceDeletedBetweenReadAndCreateAlsoWaits() {
        server.expect().post().withPath("/api/v1/namespaces")
                .andReturn(409, status(409, "AlreadyExists", "object is being deleted: namespaces \"" + namespace
                        + "\" already exists")).once();

        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234"))))
                .isEqualTo(new ApplyResult.Waiting("namespace \"" + namespace + "\" is still being deleted"));
    }

    @Test
    void serverErrorsAndThrottlingAreRetried() {
        server.expect().patch().withPath("/api/v1/namespaces/" + namespace + "?fieldManager=runbot&force=true")
                .andReturn(500, status(500, "InternalError", "etcdserver: request timed out")).once();
        server.expect().patch().withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments/app?fieldManager=runbot&force=true")
                .andReturn(429, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":429,"
                        + "\"reason\":\"TooManyRequests\",\"message\":\"too many requests\","
                        + "\"details\":{\"retryAfterSeconds\":1}}").times(2);

        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234")))).isEqualTo(new ApplyResult.Applied());
        assertThat(kube.apps().deployments().inNamespace(namespace).withName("app").get()).isNotNull();
    }

    @Test
    void aForbiddenAnswerFailsWithWhatWasRefused() {
        server.expect().patch().withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments/app?fieldManager=runbot&force=true")
                .andReturn(403, status(403, "Forbidden", "deployments.apps \"app\" is forbidden: User"
                        + " \"system:serviceaccount:runbot:runbot\" cannot patch resource \"deployments\"")).once();

        assertThat(applier.apply(environment("abc1234"), render(environment("abc1234")))).isEqualTo(new ApplyResult.Failed(
                "applying \"Deployment/app\" to namespace \"" + namespace + "\" was refused (403 Forbidden:"
                        + " deployments.apps \"app\" is forbidden: User \"system:serviceaccount:runbot:runbot\" cannot"
                        + " patch resource \"deployments\")"));
    }

    @Test
    void anApiThatKeepsFailingLeavesTheWorkForLater() {
        server.expect().get().withPath("/api/v1/namespaces/" + namespace)
                .andReturn(503, status(503, "ServiceUnavailable", "the server is currently unable to handle the request"))
                .times(4);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> applier.apply(environment("abc1234"), render(environment("abc1234"))))
                .isInstanceOf(KubernetesUnavailableException.class)
                .hasMessage("reading namespace \"" + namespace + "\" failed 4 times; last: 503 ServiceUnavailable: the server"
                        + " is currently unable to handle the request");
    }

    private RenderedChart render(Environment environment) {
        return renderer.render(new RenderRequest(environment, PreviewConfig.defaults(SHOP), Map.of(),
                Map.of()));
    }

    private Environment environment(String sha) {
        Instant created = Instant.parse("2026-11-20T10:00:00Z");
        return new Environment.Builder()
                .pullRequest(new PullRequestRef(SHOP, number)).name(namespace).namespace(namespace)
                .state(EnvironmentState.PENDING).desiredState(DesiredState.UP)
                .headSha(sha).image("ghcr.io/acme/shop:pr-" + number + "-" + sha)
                .url("https://" + namespace + ".preview.test").createdAt(created).updatedAt(created).deployedAt(created)
                .expiresAt(created.plus(Duration.ofHours(72))).requestedBy("octocat").ttl(Duration.ofHours(72))
                .overrides(Map.of())
                .build();
    }

    private Pod labelled(Pod pod) {
        pod.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "runbot");
        pod.getMetadata().getLabels().put("runbot.dev/environment", namespace);
        return pod;
    }

    private ConfigMap labelled(ConfigMap configMap) {
        configMap.getMetadata().setLabels(Map.of("runbot.dev/environment", namespace, "app.kubernetes.io/managed-by", "runbot"));
        return configMap;
    }

    private Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app.kubernetes.io/name", "app")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage(image())
                .endContainer().endSpec().build();
    }

    private String image() {
        return "ghcr.io/acme/shop:pr-" + number + "-abc1234";
    }

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code + ",\"reason\":\""
                + reason + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
    }
}
