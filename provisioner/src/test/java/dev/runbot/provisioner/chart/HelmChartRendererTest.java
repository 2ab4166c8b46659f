package dev.runbot.provisioner.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in chart rendered by real Helm, read back as the objects a cluster would receive. */
class HelmChartRendererTest {

    static final PullRequestRef PR_42 = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 42);
    static final Instant CREATED = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir Path dataDir;

    @Test
    void rendersTheEnvironmentsObjectsWithItsHostImageAndReadinessProbe() {
        List<Map<String, Object>> objects = render(environment(Map.of()), ChartFixtures.settings());

        assertThat(objects).extracting(object -> ChartObjects.kind(object) + "/" + ChartObjects.at(object, "metadata.name"))
                .containsExactlyInAnyOrder("Namespace/shop-pr-42", "ResourceQuota/preview", "LimitRange/preview",
                        "NetworkPolicy/default-deny", "NetworkPolicy/allow-within-namespace",
                        "NetworkPolicy/allow-from-ingress-controller", "NetworkPolicy/allow-from-observability",
                        "NetworkPolicy/allow-egress", "Deployment/app", "Service/app", "Ingress/app");
        Map<String, Object> ingress = ChartObjects.byKind(objects, "Ingress");
        assertThat(ChartObjects.at(ingress, "spec.rules.0.host")).isEqualTo("shop-pr-42.preview.test");
        assertThat(ChartObjects.at(ingress, "spec.ingressClassName")).isEqualTo("traefik");
        assertThat(ChartObjects.at(ingress, "spec.tls")).isNull();
        Map<String, Object> deployment = ChartObjects.byKind(objects, "Deployment");
        assertThat(ChartObjects.at(deployment, "metadata.namespace")).isEqualTo("shop-pr-42");
        assertThat(ChartObjects.at(deployment, "spec.template.spec.containers.0.image"))
                .isEqualTo("ghcr.io/acme/shop:pr-42-abc1234");
        assertThat(ChartObjects.at(deployment, "spec.template.spec.containers.0.readinessProbe.httpGet.path"))
                .isEqualTo("/healthz");
        assertThat(ChartObjects.at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(ChartObjects.at(deployment,
                "spec.template.spec.containers.0.securityContext.allowPrivilegeEscalation")).isEqualTo(false);
    }

    @Test
    void everyObjectCarriesTheLabelsAndAnnotationsThatRebuildTheRecord() {
        List<Map<String, Object>> objects = render(environment(Map.of()), ChartFixtures.settings());

        for (Map<String, Object> object : objects) {
            assertThat(ChartObjects.labels(object)).containsAllEntriesOf(Map.of(
                    "app.kubernetes.io/managed-by", "runbot",
                    "runbot.dev/environment", "shop-pr-42",
                    "runbot.dev/repository", "acme.shop",
                    "runbot.dev/pull-request", "42"));
            assertThat(ChartObjects.annotations(object)).containsAllEntriesOf(Map.of(
                    "runbot.dev/repository-name", "acme/shop",
                    "runbot.dev/head-sha", "abc1234def",
                    "runbot.dev/expires-at", "2026-11-23T10:00:00Z",
                    "runbot.dev/requested-by", "octocat",
                    "runbot.dev/created-at", "2026-11-20T10:00:00Z"));
        }
    }

    @Test
    void overrideValuesReachTheObjectsLiterallyNeverAsHelmSyntax() {
        Environment environment = environment(Map.of("env.FEATURE_FLAG", "a,b={c}\\,d", "replicas", "2"));

        Map<String, Object> deployment = ChartObjects.byKind(
                render(environment, ChartFixtures.settings()), "Deployment");

        assertThat(ChartObjects.at(deployment, "spec.replicas")).isEqualTo(2);
        assertThat(ChartObjects.at(deployment, "spec.template.spec.containers.0.env"))
                .isEqualTo(List.of(Map.of("name", "FEATURE_FLAG", "value", "a,b={c}\\,d")));
    }

    @Test
    void tlsAndIngressClassComeFromServerSettings() {
        Map<String, Object> ingress = ChartObjects.byKind(render(environment(Map.of()),
                ChartFixtures.settings(null, "nginx", "wildcard-preview-tls", "letsencrypt")), "Ingress");

        assertThat(ChartObjects.at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(ChartObjects.at(ingress, "spec.tls.0.secretName")).isEqualTo("wildcard-preview-tls");
        assertThat(ChartObjects.at(ingress, "spec.tls.0.hosts.0")).isEqualTo("shop-pr-42.preview.test");
        assertThat(ChartObjects.annotations(ingress)).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    @Test
    void aConfiguredChartDirectoryReplacesTheBuiltInOne() throws Exception {
        Path custom = dataDir.resolve("custom");
        Files.createDirectories(custom.resolve("templates"));
        Files.writeString(custom.resolve("Chart.yaml"), "apiVersion: v2\nname: custom\nversion: 1.0.0\n");
        Files.writeString(custom.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: only\n  namespace: {{ .Release.Namespace }}\ndata:\n  host: {{ .Values.ingress.host }}\n");

        List<Map<String, Object>> objects = render(environment(Map.of()), ChartFixtures.settings(custom, "traefik", null, null));

        assertThat(objects).extracting(ChartObjects::kind).containsExactly("ConfigMap");
        assertThat(ChartObjects.at(objects.get(0), "data.host")).isEqualTo("shop-pr-42.preview.test");
    }

    @Test
    void aDirectoryWithoutChartYamlIsRefusedAtStartWithItsPath() {
        assertThatThrownBy(() -> new ChartLocation(ChartFixtures.settings(dataDir, "traefik", null, null),
                new RunbotSettings(dataDir, "preview.test")))
                .hasMessageContaining(dataDir.toAbsolutePath().toString())
                .hasMessageContaining("has no Chart.yaml");
    }

    @Test
    void aBrokenChartFailsWithHelmsReason() throws Exception {
        Path broken = dataDir.resolve("broken");
        Files.createDirectories(broken.resolve("templates"));
        Files.writeString(broken.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
        Files.writeString(broken.resolve("templates/bad.yaml"), "{{ .Values.nope.deeper }}\n");

        assertThatThrownBy(() -> render(environment(Map.of()), ChartFixtures.settings(broken, "traefik", null, null)))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessageContaining("for \"shop-pr-42\" failed")
                .hasMessageContaining("nil pointer");
    }

    private List<Map<String, Object>> render(Environment environment, ChartSettings settings) {
        return ChartFixtures.parse(ChartFixtures.render(dataDir, settings,
                new RenderRequest(environment, PreviewConfig.defaults(PR_42.repository()), Map.of(), Map.of())));
    }

    static Environment environment(Map<String, String> overrides) {
        return new Environment.Builder()
                .pullRequest(PR_42).name("shop-pr-42").namespace("shop-pr-42")
                .state(EnvironmentState.PENDING).desiredState(DesiredState.UP)
                .headSha("abc1234def").image("ghcr.io/acme/shop:pr-42-abc1234")
                .url("https://shop-pr-42.preview.test").createdAt(CREATED).updatedAt(CREATED).deployedAt(CREATED)
                .expiresAt(CREATED.plus(Duration.ofHours(72))).requestedBy("octocat").ttl(Duration.ofHours(72))
                .overrides(overrides)
                .build();
    }
}
