package dev.runbot.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbot.provisioner.links.GrafanaSettings;
import dev.runbot.provisioner.links.ObservabilityLinks;
import io.micronaut.core.bind.annotation.Bindable;
import java.io.IOException;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deploy/grafana/}: the environment dashboard is the one runbot's Metrics link opens, with the
 * variable the link sets; logs are read from the Loki data source runbot's Logs link names; and every
 * PromQL expression asks only for series something on the cluster exports.
 */
class GrafanaDashboardsTest {

    /** runbot's own meters at {@code /prometheus} (README "Metrics"; issue 7 lists them). */
    static final Set<String> RUNBOT_SERIES = Set.of("runbot_environments", "runbot_commands_total",
            "runbot_provision_seconds_bucket", "runbot_destroy_seconds_bucket", "runbot_ack_seconds_bucket",
            "runbot_reconcile_pass_seconds_bucket", "runbot_outbox_pending", "runbot_outbox_retries_total",
            "runbot_outbox_failed_total", "runbot_github_calls_total", "runbot_github_rate_limit_remaining",
            "runbot_slack_calls_total", "runbot_slack_rate_limited_total");
    /** Micrometer's JVM and process meters, which Micronaut registers beside runbot's. */
    static final Set<String> JVM_SERIES = Set.of("jvm_memory_used_bytes", "process_cpu_usage");
    /** cAdvisor, in every kubelet ({@code /metrics/cadvisor}), per container. */
    static final Set<String> CADVISOR_SERIES = Set.of("container_cpu_usage_seconds_total",
            "container_memory_working_set_bytes", "container_network_receive_bytes_total",
            "container_network_transmit_bytes_total");
    /** kube-state-metrics: objects' state as the API server has it. */
    static final Set<String> KUBE_STATE_METRICS_SERIES = Set.of("kube_namespace_labels", "kube_pod_status_ready",
            "kube_pod_container_status_restarts_total", "kube_pod_container_status_waiting_reason",
            "kube_resourcequota");

    static final JsonNode RUNBOT = DeployFiles.json("grafana", "runbot.json");
    static final JsonNode ENVIRONMENT = DeployFiles.json("grafana", "runbot-env.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words of PromQL that are not series: keywords, and a function or aggregation is followed by "(". */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

    private final GrafanaSettings defaults = defaults("https://grafana.example.com");
    private final ObservabilityLinks links = new ObservabilityLinks(defaults);

    @Test
    void theMetricsLinkOpensTheEnvironmentDashboardWithItsNamespace() {
        URI link = URI.create(links.metrics("shop-pr-42").orElseThrow());

        assertThat(link.getPath()).isEqualTo("/d/" + ENVIRONMENT.get("uid").asText());
        Map<String, String> query = query(link);
        for (String parameter : query.keySet()) {
            assertThat(parameter).startsWith("var-");
            JsonNode variable = variable(ENVIRONMENT, parameter.substring("var-".length()));
            assertThat(variable).as("the dashboard's variable for " + parameter).isNotNull();
            // A namespace kube-state-metrics has not seen yet (just created) is still taken from the link.
            assertThat(variable.path("allowCustomValue").asBoolean(true)).isTrue();
        }
        assertThat(query).containsEntry("var-namespace", "shop-pr-42");
        assertThat(RUNBOT.get("uid").asText()).isEqualTo("runbot");
    }

    @Test
    void theEnvironmentLogsPanelShowsWhatTheLogsLinkShows() throws IOException {
        URI link = URI.create(links.logs("shop-pr-42").orElseThrow());
        JsonNode pane = JSON.readTree(query(link).get("left"));

        List<JsonNode> logs = panels(ENVIRONMENT).filter(panel -> panel.get("type").asText().equals("logs")).toList();
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("targets").get(0).get("expr").asText().replace("$namespace", "shop-pr-42"))
                .isEqualTo(pane.get("queries").get(0).get("expr").asText());
        assertThat(pane.get("datasource").asText()).isEqualTo(defaults.lokiDatasource());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runbot.json", "runbot-env.json"})
    void everyPanelReadsThroughTheDashboardsDataSourceVariables(String file) {
        JsonNode dashboard = DeployFiles.json("grafana", file);
        JsonNode prometheus = variable(dashboard, "datasource");
        JsonNode loki = variable(dashboard, "loki");

        assertThat(dashboard.get("schemaVersion").asInt()).isEqualTo(39);
        assertThat(prometheus.get("type").asText()).isEqualTo("datasource");
        assertThat(prometheus.get("query").asText()).isEqualTo("prometheus");
        assertThat(loki.get("type").asText()).isEqualTo("datasource");
        assertThat(loki.get("query").asText()).isEqualTo("loki");
        // The uid runbot.grafana.loki-datasource names by default, which runbot's Logs link queries.
        assertThat(loki.get("current").get("value").asText()).isEqualTo(defaults.lokiDatasource());
        List<JsonNode> queried = panels(dashboard).filter(panel -> !panel.get("type").asText().equals("row")).toList();
        assertThat(queried).isNotEmpty().allSatisfy(panel -> {
            String type = panel.get("type").asText().equals("logs") ? "loki" : "prometheus";
            String uid = type.equals("loki") ? "${loki}" : "${datasource}";
            assertThat(panel.get("datasource").get("type").asText()).as(panel.get("title").asText()).isEqualTo(type);
            assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo(uid);
            panel.get("targets").forEach(target ->
                    assertThat(target.get("datasource").get("uid").asText()).isEqualTo(uid));
        });
        Set<Integer> ids = new HashSet<>();
        panels(dashboard).forEach(panel ->
                assertThat(ids.add(panel.get("id").asInt())).as("panel id " + panel.get("id")).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runbot.json", "runbot-env.json"})
    void everyExpressionAsksForKnownSeriesOnly(String file) {
        Set<String> known = new HashSet<>();
        Stream.of(RUNBOT_SERIES, JVM_SERIES, CADVISOR_SERIES, KUBE_STATE_METRICS_SERIES).forEach(known::addAll);

        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        promql(DeployFiles.json("grafana", file)).forEach(expr -> {
            Set<String> names = new TreeSet<>(series(expr));
            names.removeAll(known);
            if (!names.isEmpty()) {
                unknown.put(expr, names);
            }
        });

        assertThat(unknown).isEmpty();
    }

    @Test
    void theRunbotDashboardShowsEveryRunbotAndJvmSeries() {
        Set<String> shown = promql(RUNBOT).stream().flatMap(expr -> series(expr).stream())
                .collect(Collectors.toSet());

        assertThat(shown).containsAll(RUNBOT_SERIES).containsAll(JVM_SERIES);
    }

    @Test
    void theEnvironmentDashboardListsRunbotsNamespaces() {
        JsonNode namespace = variable(ENVIRONMENT, "namespace");

        assertThat(namespace.get("type").asText()).isEqualTo("query");
        assertThat(namespace.get("definition").asText())
                .isEqualTo("label_values(kube_namespace_labels{label_app_kubernetes_io_managed_by=\"runbot\"},"
                        + " namespace)");
        assertThat(promql(ENVIRONMENT).stream().filter(expr -> expr.contains("$namespace")).count())
                .isEqualTo(promql(ENVIRONMENT).size() - 1); // all but the variable's own query
    }

    @Test
    void seriesAreTheMetricNamesOfAnExpressionAndNothingElse() {
        assertThat(series("histogram_quantile(0.95, sum by (le, outcome) (rate(runbot_provision_seconds_bucket"
                + "{outcome=\"ready\", le!=\"+Inf\"}[$__rate_interval])))"))
                .containsExactly("runbot_provision_seconds_bucket");
        assertThat(series("sum by (resource) (kube_resourcequota{namespace=\"$namespace\", type=\"used\"}) / sum by"
                + " (resource) (kube_resourcequota{type=\"hard\"} > 0)")).containsExactly("kube_resourcequota");
        assertThat(series("label_values(kube_namespace_labels{a=\"b\"}, namespace)"))
                .containsExactly("kube_namespace_labels");
        assertThat(series("max(up) or on (instance) vector(0) * process_cpu_usage offset 5m"))
                .containsExactlyInAnyOrder("up", "process_cpu_usage");
    }

    /** The settings runbot runs with when only the URL is configured, defaults read from GrafanaSettings itself. */
    static GrafanaSettings defaults(String url) {
        Parameter[] parameters = GrafanaSettings.class.getDeclaredConstructors()[0].getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Bindable bindable = parameters[i].getAnnotation(Bindable.class);
            values[i] = bindable == null ? url : bindable.defaultValue();
        }
        return new GrafanaSettings((String) values[0], (String) values[1], (String) values[2]);
    }

    /** The metric names in a PromQL expression (or a Grafana {@code label_values(...)} query). */
    static Set<String> series(String expr) {
        Matcher labelValues = LABEL_VALUES.matcher(expr.strip());
        String text = labelValues.matches() ? labelValues.group(1) : expr;
        text = text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\$\\{?\\w+}?", "")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String rest = text.substring(word.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(word.group().toLowerCase())) {
                names.add(word.group());
            }
        }
        return names;
    }

    /** Every Prometheus expression of a dashboard: its panels' targets and its query variables. */
    static List<String> promql(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        panels(dashboard).filter(panel -> panel.path("datasource").path("type").asText().equals("prometheus"))
                .forEach(panel -> panel.get("targets").forEach(target -> exprs.add(target.get("expr").asText())));
        dashboard.get("templating").get("list").forEach(variable -> {
            if (variable.get("type").asText().equals("query")) {
                exprs.add(variable.get("definition").asText());
            }
        });
        return exprs;
    }

    static Stream<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        });
        return all.stream();
    }

    static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        return null;
    }

    private static Map<String, String> query(URI link) {
        return Arrays.stream(link.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8), (a, b) -> b, LinkedHashMap::new));
    }
}
