package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.at;
import static dev.runbot.provisioner.chart.ChartObjects.byKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.provisioner.cluster.ResourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runbot's RBAC, as its chart renders it, against what runbot does on a cluster: every kind of
 * the preview chart applied, pruned and deleted in any namespace, the readiness LISTs across all
 * namespaces, the Lease in its own namespace — and not one right more.
 */
class RunbotChartRbacTest {

    /** What applying, pruning and destroying an environment calls on each kind (KubernetesClusterApplier). */
    static final List<String> APPLY_VERBS = List.of("get", "list", "create", "patch", "update", "delete");
    static final Path PREVIEW_TEMPLATES = Path.of("..", "templates", "preview-env", "templates");
    static final Pattern OBJECT_HEAD = Pattern.compile("^apiVersion: (\\S+)\\s*\\nkind: (\\S+)\\s*$", Pattern.MULTILINE);

    @TempDir Path work;

    /** "group/resource verb" of everything runbot calls cluster-wide. */
    static Set<String> clusterWideNeeds() {
        Set<String> needs = new TreeSet<>();
        for (ResourceKind kind : ResourceKind.values()) {
            APPLY_VERBS.forEach(verb -> needs.add(permission(kind.group(), kind.plural(), verb)));
        }
        // WorkloadReadiness: one LIST of each across all namespaces, and per namespace.
        needs.add(permission("apps", "deployments", "list"));
        needs.add(permission("apps", "statefulsets", "list"));
        needs.add(permission("", "pods", "list"));
        // KubernetesCredentialStore reads a database's Secret back before a redeploy.
        needs.add(permission("", "secrets", "get"));
        return needs;
    }

    @Test
    void everyKindThePreviewChartRendersIsOneRunbotKnowsHowToApply() throws IOException {
        List<String> unknown = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (Stream<Path> templates = Files.list(PREVIEW_TEMPLATES)) {
            for (Path template : templates.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(template);
                long kinds = text.lines().filter(line -> line.startsWith("kind: ")).count();
                long heads = OBJECT_HEAD.matcher(text).results().count();
                assertThat(heads).as("objects of %s written as apiVersion then kind", template).isEqualTo(kinds);
                Matcher head = OBJECT_HEAD.matcher(text);
                while (head.find()) {
                    String object = head.group(1) + " " + head.group(2);
                    seen.add(object);
                    if (ResourceKind.of(head.group(1), head.group(2)).isEmpty()) {
                        unknown.add(template.getFileName() + ": " + object);
                    }
                }
            }
        }

        assertThat(seen).as("objects found in %s", PREVIEW_TEMPLATES).contains("apps/v1 Deployment", "v1 Namespace");
        assertThat(unknown).isEmpty();
    }

    @Test
    void theClusterRoleCoversEveryCallRunbotMakesAcrossNamespaces() {
        Set<String> granted = granted(clusterRole());

        assertThat(granted).containsAll(clusterWideNeeds());
    }

    @Test
    void theClusterRoleGrantsNothingBeyondThoseCallsAndWatchingNamespaces() {
        Set<String> beyond = new TreeSet<>(granted(clusterRole()));
        beyond.removeAll(clusterWideNeeds());

        assertThat(beyond).containsExactly(permission("", "namespaces", "watch"));
    }

    @Test
    void theLeaseIsReachableOnlyInTheReleaseNamespaceAndOnlyByItsName() {
        List<Map<String, Object>> objects = render();
        Map<String, Object> role = byKind(objects, "Role");
        Map<String, Object> binding = byKind(objects, "RoleBinding");

        assertThat(at(role, "metadata.namespace")).isEqualTo(RunbotChart.NAMESPACE);
        assertThat(granted(role)).containsExactlyInAnyOrder(
                permission("coordination.k8s.io", "leases", "create"),
                permission("coordination.k8s.io", "leases", "get"),
                permission("coordination.k8s.io", "leases", "update"));
        List<Map<String, Object>> rules = ChartObjects.cast(role.get("rules"));
        assertThat(rules).filteredOn(rule -> !List.of("create").equals(rule.get("verbs")))
                .allSatisfy(rule -> assertThat(rule.get("resourceNames")).isEqualTo(List.of("runbot-reconciler")));
        assertThat(at(binding, "metadata.namespace")).isEqualTo(RunbotChart.NAMESPACE);
        assertThat(at(binding, "roleRef.kind")).isEqualTo("Role");
        assertThat(at(binding, "roleRef.name")).isEqualTo(at(role, "metadata.name"));
        assertBoundToRunbotsAccount(binding);
    }

    @Test
    void theLeaseNameFollowsTheInstance() {
        Map<String, Object> values = RunbotChart.minimalValues();
        RunbotChart.section(values, "runbot").put("instance", "staging");

        Map<String, Object> role = byKind(RunbotChart.render(values, work), "Role");

        assertThat(ChartObjects.<List<Map<String, Object>>>cast(role.get("rules")))
                .anySatisfy(rule -> assertThat(rule.get("resourceNames")).isEqualTo(List.of("staging-reconciler")));
    }

    @Test
    void theClusterRoleIsBoundToRunbotsAccountAndIsNotClusterAdmin() {
        List<Map<String, Object>> objects = render();
        Map<String, Object> binding = byKind(objects, "ClusterRoleBinding");

        assertThat(at(binding, "roleRef.kind")).isEqualTo("ClusterRole");
        assertThat(at(binding, "roleRef.name")).isEqualTo(at(clusterRole(), "metadata.name")).isNotIn(
                "cluster-admin", "admin", "edit");
        assertBoundToRunbotsAccount(binding);
        assertThat(at(byKind(objects, "Deployment"), "spec.template.spec.serviceAccountName"))
                .isEqualTo(at(byKind(objects, "ServiceAccount"), "metadata.name"));
    }

    @Test
    void noRuleUsesAWildcardOrAnyRightThatRaisesRunbotsOwn() {
        List<Map<String, Object>> objects = render();
        List<Map<String, Object>> rules = new ArrayList<>();
        RunbotChart.all(objects, "ClusterRole").forEach(role -> rules.addAll(ChartObjects.cast(role.get("rules"))));
        RunbotChart.all(objects, "Role").forEach(role -> rules.addAll(ChartObjects.cast(role.get("rules"))));

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule).doesNotContainKey("nonResourceURLs");
            for (String field : List.of("apiGroups", "resources", "verbs")) {
                assertThat(ChartObjects.<List<String>>cast(rule.get(field))).as(field).isNotEmpty()
                        .noneMatch(entry -> entry.contains("*"));
            }
            assertThat(ChartObjects.<List<String>>cast(rule.get("apiGroups"))).doesNotContain("rbac.authorization.k8s.io");
            assertThat(ChartObjects.<List<String>>cast(rule.get("verbs")))
                    .doesNotContain("escalate", "bind", "impersonate", "deletecollection");
            assertThat(ChartObjects.<List<String>>cast(rule.get("resources")))
                    .doesNotContain("roles", "rolebindings", "clusterroles", "clusterrolebindings",
                            "serviceaccounts/token", "pods/exec", "nodes");
        });
    }

    private List<Map<String, Object>> render() {
        return RunbotChart.render(RunbotChart.minimalValues(), work);
    }

    private Map<String, Object> clusterRole() {
        return byKind(render(), "ClusterRole");
    }

    private static void assertBoundToRunbotsAccount(Map<String, Object> binding) {
        assertThat(ChartObjects.<List<Map<String, Object>>>cast(binding.get("subjects"))).containsExactly(
                Map.of("kind", "ServiceAccount", "name", "runbot", "namespace", RunbotChart.NAMESPACE));
    }

    /** Every "group/resource verb" a role's rules grant. */
    private static Set<String> granted(Map<String, Object> role) {
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> rule : ChartObjects.<List<Map<String, Object>>>cast(role.get("rules"))) {
            for (String group : ChartObjects.<List<String>>cast(rule.get("apiGroups"))) {
                for (String resource : ChartObjects.<List<String>>cast(rule.get("resources"))) {
                    for (String verb : ChartObjects.<List<String>>cast(rule.get("verbs"))) {
                        granted.add(permission(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    private static String permission(String group, String resource, String verb) {
        return (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
    }
}
