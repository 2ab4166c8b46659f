package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.at;
import static dev.runbot.provisioner.chart.ChartObjects.byKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * runbot's own chart, {@code deploy/helm/runbot}, linted and rendered by real Helm. Helm's lint
 * reports a template's {@code fail} only as information, so the refusals are tested by rendering.
 */
class RunbotChartTest {

    @TempDir Path work;

    @ParameterizedTest
    @ValueSource(strings = {"k3s-traefik.yaml", "managed-cluster.yaml"})
    void lintsCleanWithEachExample(String example) {
        Path chart = RunbotChart.copyWithValues(RunbotChart.load(RunbotChart.example(example)), work);

        LintResult lint = new Helm(chart).lint().strict().call();
        TerminationSignals.reclaim();

        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).allMatch(message -> message.startsWith("[INFO]"));
    }

    @Test
    void lintsCleanWithTheMinimalValues() {
        LintResult lint = new Helm(RunbotChart.copyWithValues(RunbotChart.minimalValues(), work)).lint().strict().call();
        TerminationSignals.reclaim();

        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).allMatch(message -> message.startsWith("[INFO]"));
    }

    @Test
    void rendersTheObjectsOfAnInstallation() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);

        assertThat(objects).extracting(object -> ChartObjects.kind(object) + "/" + at(object, "metadata.name"))
                .containsExactlyInAnyOrder("Deployment/runbot", "Service/runbot", "Secret/runbot", "Secret/runbot-dashboard",
                        "PodDisruptionBudget/runbot", "ServiceAccount/runbot", "ClusterRole/runbot",
                        "ClusterRoleBinding/runbot", "Role/runbot-leader-election",
                        "RoleBinding/runbot-leader-election");
    }

    @Test
    void twoReplicasRollWithoutEverHavingLessThanTwoAndOneAlwaysSurvivesADrain() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);
        Map<String, Object> deployment = byKind(objects, "Deployment");
        Map<String, Object> pdb = byKind(objects, "PodDisruptionBudget");

        assertThat(at(deployment, "spec.replicas")).isEqualTo(2);
        assertThat(at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
        assertThat(at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isEqualTo(0);
        assertThat(at(pdb, "apiVersion")).isEqualTo("policy/v1");
        assertThat(at(pdb, "spec.minAvailable")).isEqualTo(1);
        assertThat(at(pdb, "spec.selector.matchLabels"))
                .isEqualTo(at(deployment, "spec.selector.matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "runbot", "app.kubernetes.io/instance", "runbot"));
        assertThat(ChartObjects.<Map<String, String>>cast(at(deployment, "spec.template.metadata.labels")))
                .containsAllEntriesOf(ChartObjects.cast(at(deployment, "spec.selector.matchLabels")));
    }

    @Test
    void probesAskRunbotsHealthEndpointOnItsPort() {
        Map<String, Object> container = container(RunbotChart.render(RunbotChart.minimalValues(), work));

        assertThat(at(container, "ports.0.containerPort")).isEqualTo(8080);
        assertThat(at(container, "ports.0.name")).isEqualTo("http");
        assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/health/liveness");
        assertThat(at(container, "livenessProbe.httpGet.port")).isEqualTo("http");
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/health/readiness");
        assertThat(at(container, "readinessProbe.httpGet.port")).isEqualTo("http");
    }

    @Test
    void thePodMeetsTheRestrictedPodSecurityStandard() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);
        Map<String, Object> pod = ChartObjects.cast(at(byKind(objects, "Deployment"), "spec.template.spec"));
        Map<String, Object> container = container(objects);

        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
        assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(at(container, "securityContext.capabilities.add")).isNull();
        assertThat(at(pod, "hostNetwork")).isNull();
        // With the root filesystem read-only, the data dir and /tmp are the only writable places.
        Map<String, String> mounts = ChartObjects.<List<Map<String, String>>>cast(at(container, "volumeMounts"))
                .stream().collect(Collectors.toMap(mount -> mount.get("name"), mount -> mount.get("mountPath")));
        assertThat(mounts).isEqualTo(Map.of("data", "/var/lib/runbot", "tmp", "/tmp"));
        assertThat(ChartObjects.<List<Map<String, Object>>>cast(at(pod, "volumes")))
                .allSatisfy(volume -> assertThat(volume).containsKey("emptyDir"));
        assertThat(env(container)).containsEntry("RUNBOT_DATA_DIR", "/var/lib/runbot")
                .as("JSON logs for Loki unless asked otherwise").containsEntry("RUNBOT_LOG_FORMAT", "json");
    }

    @Test
    void settingsReachRunbotUnderTheNamesOfItsConfiguration() {
        Map<String, Object> values = RunbotChart.minimalValues();
        values.put("runbot", Map.of("previewDomain", "preview.acme.dev", "previewIngressClass", "nginx",
                "grafana", Map.of("url", "https://grafana.acme.dev"),
                "extraEnv", Map.of("RUNBOT_LIFECYCLE_TTL", "48h")));
        values.put("logFormat", "text");

        Map<String, Object> env = env(container(RunbotChart.render(values, work)));

        assertThat(env).containsAllEntriesOf(Map.of(
                "RUNBOT_PREVIEW_DOMAIN", "preview.acme.dev",
                "RUNBOT_CHART_INGRESS_CLASS", "nginx",
                "RUNBOT_GRAFANA_URL", "https://grafana.acme.dev",
                "RUNBOT_INSTANCE", "runbot",
                "RUNBOT_RECONCILE_LEASE_NAMESPACE", RunbotChart.NAMESPACE,
                "RUNBOT_KUBERNETES_DRY_RUN", "false",
                "RUNBOT_GITHUB_APP_ID", "123",
                "RUNBOT_LIFECYCLE_TTL", "48h",
                "RUNBOT_LOG_FORMAT", "text"));
        assertThat(env).doesNotContainKeys("RUNBOT_SLACK_BOT_TOKEN", "RUNBOT_GITHUB_TOKEN");
    }

    @Test
    void theInstanceDefaultsToTheReleaseNameAndMayBeSet() {
        Map<String, Object> values = RunbotChart.minimalValues();
        RunbotChart.section(values, "runbot").put("instance", "staging");

        assertThat(env(container(RunbotChart.render(values, work)))).containsEntry("RUNBOT_INSTANCE", "staging");
    }

    @Test
    void secretsFromValuesAreReadFromTheChartsSecretNeverPlainInTheDeployment() {
        List<Map<String, Object>> objects = RunbotChart.render(RunbotChart.minimalValues(), work);
        Map<String, Object> container = container(objects);
        Map<String, Object> secret = RunbotChart.all(objects, "Secret").stream()
                .filter(object -> "runbot".equals(at(object, "metadata.name"))).findFirst().orElseThrow();

        assertThat(ChartObjects.<Map<String, String>>cast(at(secret, "stringData")))
                .containsEntry("github-webhook-secret", "It's a Secret to Everybody")
                .containsEntry("database-url", "jdbc:postgresql://db:5432/runbot")
                .containsEntry("api-token", "0123456789abcdef0123")
                .containsKeys("github-private-key", "database-username", "database-password");
        Map<String, Object> env = env(container);
        assertThat(env).containsEntry("RUNBOT_GITHUB_WEBHOOK_SECRET", Map.of("runbot", "github-webhook-secret"))
                .containsEntry("RUNBOT_GITHUB_PRIVATE_KEY", Map.of("runbot", "github-private-key"))
                .containsEntry("RUNBOT_API_TOKEN", Map.of("runbot", "api-token"))
                .containsEntry("DATASOURCES_DEFAULT_URL", Map.of("runbot", "database-url"))
                .containsEntry("DATASOURCES_DEFAULT_USERNAME", Map.of("runbot", "database-username"))
                .containsEntry("DATASOURCES_DEFAULT_PASSWORD", Map.of("runbot", "database-password"));
        assertThat(byKind(objects, "Deployment").toString()).doesNotContain("It's a Secret to Everybody", "0123456789abcdef0123");
    }

    @Test
    void existingSecretsAreReferencedAndTheChartCreatesNone() {
        List<Map<String, Object>> objects = RunbotChart.render(
                RunbotChart.load(RunbotChart.example("managed-cluster.yaml")), work);

        assertThat(RunbotChart.all(objects, "Secret")).isEmpty();
        Map<String, Object> env = env(container(objects));
        assertThat(env).containsEntry("RUNBOT_GITHUB_WEBHOOK_SECRET", Map.of("runbot-github", "github-webhook-secret"))
                .containsEntry("RUNBOT_GITHUB_PRIVATE_KEY", Map.of("runbot-github", "github-private-key"))
                .containsEntry("RUNBOT_SLACK_BOT_TOKEN", Map.of("runbot-slack", "slack-bot-token"))
                .containsEntry("RUNBOT_SLACK_SIGNING_SECRET", Map.of("runbot-slack", "slack-signing-secret"))
                .containsEntry("RUNBOT_SLACK_APP_TOKEN", Map.of("runbot-slack", "slack-app-token"))
                .containsEntry("DATASOURCES_DEFAULT_URL", Map.of("runbot-database", "database-url"))
                .containsEntry("RUNBOT_API_TOKEN", Map.of("runbot-api", "api-token"))
                .containsEntry("RUNBOT_DASHBOARD_SESSION_SECRET", Map.of("runbot-dashboard", "dashboard-session-secret"));
        Map<String, Object> container = container(objects);
        assertThat(secretRef(container, "RUNBOT_GITHUB_WEBHOOK_SECRET").get("optional")).isNull();
        assertThat(secretRef(container, "RUNBOT_SLACK_APP_TOKEN").get("optional")).isEqualTo(true);
    }

    @Test
    void theIngressRoutesTheWebhookSlackAndDashboardPathsButNeverTheApiOrMetrics() {
        List<Map<String, Object>> objects = RunbotChart.render(
                RunbotChart.load(RunbotChart.example("k3s-traefik.yaml")), work);
        Map<String, Object> ingress = byKind(objects, "Ingress");

        assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("traefik");
        assertThat(at(ingress, "spec.rules.0.host")).isEqualTo("runbot.example.com");
        List<Map<String, Object>> paths = ChartObjects.cast(at(ingress, "spec.rules.0.http.paths"));
        assertThat(paths).extracting(path -> path.get("path") + " " + path.get("pathType")).containsExactly(
                "/webhooks/github Exact", "/slack/events Exact", "/ Exact", "/login Exact", "/logout Exact",
                "/environments/ Prefix", "/oauth/ Prefix");
        assertThat(paths).allSatisfy(path -> {
            assertThat(at(path, "backend.service.name")).isEqualTo("runbot");
            assertThat(at(path, "backend.service.port.name")).isEqualTo("http");
        });

        Map<String, Object> values = RunbotChart.load(RunbotChart.example("k3s-traefik.yaml"));
        RunbotChart.section(values, "ingress").put("dashboard", false);
        List<Map<String, Object>> withoutDashboard = ChartObjects.cast(
                at(byKind(RunbotChart.render(values, work), "Ingress"), "spec.rules.0.http.paths"));
        assertThat(withoutDashboard).extracting(path -> path.get("path")).containsExactly("/webhooks/github", "/slack/events");
    }

    @Test
    void everyReplicaGetsOneSessionKeyAndGitHubLoginReadsItsSecretFromASecret() {
        Map<String, Object> values = RunbotChart.minimalValues();
        values.put("dashboard", Map.of("github", Map.of("clientId", "Iv1.abc", "clientSecret", "client-secret-value")));

        List<Map<String, Object>> objects = RunbotChart.render(values, work);
        Map<String, Object> env = env(container(objects));
        Map<String, Object> secret = RunbotChart.all(objects, "Secret").stream()
                .filter(object -> "runbot-dashboard".equals(at(object, "metadata.name"))).findFirst().orElseThrow();

        assertThat(env).containsEntry("RUNBOT_DASHBOARD_SESSION_SECRET", Map.of("runbot-dashboard", "dashboard-session-secret"))
                .containsEntry("MICRONAUT_SECURITY_OAUTH2_CLIENTS_GITHUB_CLIENT_ID", "Iv1.abc")
                .containsEntry("MICRONAUT_SECURITY_OAUTH2_CLIENTS_GITHUB_CLIENT_SECRET",
                        Map.of("runbot-dashboard", "dashboard-github-client-secret"));
        Map<String, Object> data = ChartObjects.cast(secret.get("stringData"));
        assertThat((String) data.get("dashboard-session-secret")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(data).containsEntry("dashboard-github-client-secret", "client-secret-value");
        assertThat(env.toString()).doesNotContain("client-secret-value");
    }

    @Test
    void theSingleNodeExampleRunsOneReplicaOnH2WithoutABudgetThatWouldBlockDrains() {
        List<Map<String, Object>> objects = RunbotChart.render(
                RunbotChart.load(RunbotChart.example("k3s-traefik.yaml")), work);

        assertThat(at(byKind(objects, "Deployment"), "spec.replicas")).isEqualTo(1);
        assertThat(RunbotChart.all(objects, "PodDisruptionBudget")).isEmpty();
        assertThat(env(container(objects))).doesNotContainKey("DATASOURCES_DEFAULT_URL");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "previewDomain", "apiToken", "shortApiToken", "databaseWithTwoReplicas", "h2WithTwoReplicas",
            "githubWebhookSecret", "githubCredentials", "slackBotToken", "slackSigningSecret", "ingressHost",
            "logFormat", "dashboardClientSecret"})
    void refusesToRenderWithoutARequiredValueAndNamesIt(String missing) {
        Map<String, Object> values = RunbotChart.minimalValues();
        String message = switch (missing) {
            case "previewDomain" -> {
                RunbotChart.section(values, "runbot").remove("previewDomain");
                yield "runbot.previewDomain is required: preview hosts are {project}-pr-{N}.<runbot.previewDomain>";
            }
            case "apiToken" -> {
                RunbotChart.section(values, "api").remove("token");
                yield "api.token (or api.existingSecret) is required: the data dir is an emptyDir, so a token"
                        + " runbot generated itself would change with every pod";
            }
            case "shortApiToken" -> {
                RunbotChart.section(values, "api").put("token", "short");
                yield "api.token must be at least 16 characters";
            }
            case "databaseWithTwoReplicas" -> {
                values.remove("database");
                yield "database.url (or database.existingSecret) is required when replicaCount is 2: H2 cannot be"
                        + " shared between replicas; use jdbc:postgresql://host:5432/runbot";
            }
            case "h2WithTwoReplicas" -> {
                RunbotChart.section(values, "database").put("url", "jdbc:h2:file:/var/lib/runbot/runbot");
                yield "database.url must be a PostgreSQL URL (jdbc:postgresql://...) when replicaCount is 2:"
                        + " H2 cannot be shared between replicas";
            }
            case "githubWebhookSecret" -> {
                RunbotChart.section(values, "github").remove("webhookSecret");
                yield "github.webhookSecret (or github.existingSecret) is required when github.enabled is true:"
                        + " runbot accepts no unsigned webhook";
            }
            case "githubCredentials" -> {
                RunbotChart.section(values, "github").remove("privateKey");
                yield "github.appId with github.privateKey, or github.token (or github.existingSecret), is required"
                        + " when github.enabled is true";
            }
            case "slackBotToken" -> {
                values.put("slack", new LinkedHashMap<>(Map.of("enabled", true, "signingSecret", "s")));
                yield "slack.botToken (or slack.existingSecret) is required when slack.enabled is true";
            }
            case "slackSigningSecret" -> {
                values.put("slack", new LinkedHashMap<>(Map.of("enabled", true, "botToken", "xoxb-1")));
                yield "slack.signingSecret (or slack.existingSecret) is required when slack.enabled is true:"
                        + " runbot accepts no unsigned Slack request";
            }
            case "ingressHost" -> {
                values.put("ingress", new LinkedHashMap<>(Map.of("enabled", true)));
                yield "ingress.host is required when ingress.enabled is true: GitHub and Slack are pointed at"
                        + " https://<ingress.host>/webhooks/github and /slack/events";
            }
            case "logFormat" -> {
                values.put("logFormat", "logfmt");
                yield "logFormat must be json or text, not \"logfmt\"";
            }
            case "dashboardClientSecret" -> {
                values.put("dashboard", Map.of("github", Map.of("clientId", "Iv1.abc")));
                yield "dashboard.github.clientSecret (or dashboard.existingSecret) is required with"
                        + " dashboard.github.clientId: GitHub trades the login code for a token only with both";
            }
            default -> throw new IllegalArgumentException(missing);
        };

        assertThatThrownBy(() -> RunbotChart.render(values, work)).hasMessageContaining(message);
    }

    @Test
    void oneReplicaMayKeepH2AndGitHubMayBeOff() {
        Map<String, Object> values = RunbotChart.minimalValues();
        values.put("replicaCount", 1);
        values.remove("database");
        values.put("github", Map.of("enabled", false));

        Map<String, Object> env = env(container(RunbotChart.render(values, work)));

        assertThat(env).doesNotContainKeys("DATASOURCES_DEFAULT_URL", "RUNBOT_GITHUB_WEBHOOK_SECRET");
    }

    static Map<String, Object> container(List<Map<String, Object>> objects) {
        return ChartObjects.cast(at(byKind(objects, "Deployment"), "spec.template.spec.containers.0"));
    }

    /** Each variable's plain value, or {secret name: key} where it is read from a Secret. */
    static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : ChartObjects.<List<Map<String, Object>>>cast(container.get("env"))) {
            Object ref = at(variable, "valueFrom.secretKeyRef");
            env.put((String) variable.get("name"), ref instanceof Map<?, ?> secret
                    ? Map.of(secret.get("name"), secret.get("key")) : variable.get("value"));
        }
        return env;
    }

    static Map<String, Object> secretRef(Map<String, Object> container, String name) {
        return ChartObjects.<List<Map<String, Object>>>cast(container.get("env")).stream()
                .filter(variable -> name.equals(variable.get("name"))).findFirst()
                .map(variable -> ChartObjects.<Map<String, Object>>cast(at(variable, "valueFrom.secretKeyRef")))
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }
}
