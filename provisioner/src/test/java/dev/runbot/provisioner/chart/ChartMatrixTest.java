package dev.runbot.provisioner.chart;

import static dev.runbot.provisioner.chart.ChartObjects.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.Environment;
import io.kubernetes.client.custom.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The built-in chart over a matrix of {@code .preview.yaml} configurations, rendered by real Helm
 * from the values runbot computes: every object is one the Kubernetes API accepts as written, the
 * chart passes {@code helm lint}, and the promises of ENVIRONMENT.md hold in each case.
 */
class ChartMatrixTest {

    static final String POSTGRES_PASSWORD = "PgPass0123456789abcdefghijklmnop";
    static final String MARIADB_PASSWORD = "MaPass0123456789abcdefghijklmnop";
    static final String REDIS_PASSWORD = "RePass0123456789abcdefghijklmnop";
    static final Map<Database, DatabaseCredentials> CREDENTIALS = Map.of(
            Database.POSTGRES, new DatabaseCredentials("shop", "shop_app", POSTGRES_PASSWORD),
            Database.MARIADB, new DatabaseCredentials("shop", "shop_app", MARIADB_PASSWORD),
            Database.REDIS, new DatabaseCredentials("app", "default", REDIS_PASSWORD));

    static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/managed-by", "runbot",
            "runbot.dev/environment", "shop-pr-42",
            "runbot.dev/repository", "acme.shop",
            "runbot.dev/pull-request", "42");
    static final Map<String, String> ANNOTATIONS = Map.of(
            "runbot.dev/repository-name", "acme/shop",
            "runbot.dev/head-sha", "abc1234def",
            "runbot.dev/expires-at", "2026-11-23T10:00:00Z",
            "runbot.dev/requested-by", "octocat",
            "runbot.dev/created-at", "2026-11-20T10:00:00Z");
    static final PreviewConfig.Resources BASE = new PreviewConfig.Resources("300m", "512Mi");

    @TempDir Path dataDir;

    /** One {@code .preview.yaml} and {@code up} of the matrix. */
    record Case(String name, List<Database> databases, Map<String, String> env, PreviewConfig.Resources resources,
            Map<String, String> overrides, boolean seed, boolean tls) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> matrix() {
        return Stream.of(
                new Case("no database", List.of(), Map.of(), BASE, Map.of(), false, false),
                new Case("postgres", List.of(Database.POSTGRES), Map.of(), BASE, Map.of(), false, false),
                new Case("postgres, mariadb and redis",
                        List.of(Database.POSTGRES, Database.MARIADB, Database.REDIS), Map.of(), BASE, Map.of(), false,
                        false),
                new Case("postgres with seed scripts", List.of(Database.POSTGRES), Map.of(), BASE, Map.of(), true,
                        false),
                new Case("redis and mariadb with seed scripts", List.of(Database.REDIS, Database.MARIADB), Map.of(),
                        BASE, Map.of(), true, false),
                new Case("redis with seed scripts but no SQL database", List.of(Database.REDIS), Map.of(), BASE,
                        Map.of(), true, false),
                new Case("env and overrides", List.of(Database.POSTGRES),
                        Map.of("LOG_LEVEL", "debug", "ENABLED", "yes", "ZIP", "0123", "SCALE", "1e3", "EMPTY", ""),
                        new PreviewConfig.Resources("500m", "1Gi"),
                        Map.of("replicas", "2", "env.FEATURE_FLAG", "{{ .Values.databases.postgres.password }}"),
                        false, false),
                new Case("TLS with a cluster issuer", List.of(Database.POSTGRES), Map.of(), BASE, Map.of(), false,
                        true));
    }

    // ---- every case ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyObjectReadsIntoTheOfficialClientsModelWithoutUnknownOrChangedFields(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);

        assertThat(objects).isNotEmpty();
        for (Map<String, Object> object : objects) {
            StrictModels.read(object);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void theChartPassesHelmLintWithTheComputedValues(Case matrixCase) throws IOException {
        ChartSettings settings = settings(matrixCase);
        Path chart = copyOfBuiltInChart(settings);
        Map<String, Object> values = merged(new Yaml().load(Files.readString(chart.resolve("values.yaml"))),
                ChartValues.of(request(matrixCase), settings));
        Files.writeString(chart.resolve("values.yaml"), yaml().dump(values), StandardCharsets.UTF_8);

        LintResult lint = new Helm(chart).lint().call();
        TerminationSignals.reclaim();

        // helm-java lints without a release namespace, so the Namespace object is named "" there
        // (the helm CLI uses "default"); every other warning counts.
        List<String> problems = lint.getMessages().stream()
                .filter(message -> !message.startsWith("[INFO]"))
                .filter(message -> !message.contains("templates/namespace.yaml: object name does not conform"))
                .toList();
        assertThat(lint.isFailed()).as("helm lint failed: %s", lint.getMessages()).isFalse();
        assertThat(problems).as("helm lint messages").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyObjectCarriesTheLabelsAndAnnotationsAndEveryTemplateTheLabels(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);

        for (Map<String, Object> object : objects) {
            assertThat(ChartObjects.labels(object)).as(name(object)).containsAllEntriesOf(LABELS);
            assertThat(ChartObjects.annotations(object)).as(name(object)).containsAllEntriesOf(ANNOTATIONS);
        }
        for (Map<String, Object> template : templates(objects)) {
            assertThat(ChartObjects.labels(template)).containsAllEntriesOf(LABELS);
            // Volatile annotations inside templates would restart pods on every extend and pin.
            assertThat(at(template, "metadata.annotations")).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void passwordsAppearOnlyInTheirOwnSecretAndReachPodsOnlyThroughSecretKeyRef(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);
        Map<String, String> passwords = Map.of(
                "postgres", POSTGRES_PASSWORD, "mariadb", MARIADB_PASSWORD, "redis", REDIS_PASSWORD);

        for (Map<String, Object> object : objects) {
            String text = new Yaml().dump(object);
            passwords.forEach((database, password) -> {
                boolean ownSecret = name(object).equals("Secret/" + database + "-credentials");
                assertThat(text.contains(password)).as("%s holds the %s password", name(object), database)
                        .isEqualTo(ownSecret);
            });
        }
        for (Map<String, Object> container : containers(objects)) {
            for (Map<String, Object> env : list(container.get("env"))) {
                String name = (String) env.get("name");
                if (name.endsWith("PASSWORD") || name.endsWith("_URL") || "PGPASSWORD".equals(name)
                        || "MYSQL_PWD".equals(name)) {
                    assertThat(env).as(name).doesNotContainKey("value");
                    assertThat(at(env, "valueFrom.secretKeyRef.name")).as(name).asString().endsWith("-credentials");
                }
            }
        }
        for (Database database : matrixCase.databases()) {
            Map<String, Object> secret = byName(objects, "Secret", database.key() + "-credentials");
            assertThat(at(secret, "stringData.password")).isEqualTo(passwords.get(database.key()));
            assertThat(at(secret, "stringData.username")).isEqualTo(CREDENTIALS.get(database).username());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void everyPodRunsUnderTheRestrictedPodSecurityStandard(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);

        assertThat(at(ChartObjects.byKind(objects, "Namespace"), "metadata.labels"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        for (Map<String, Object> template : podTemplates(objects)) {
            assertThat(at(template, "spec.securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(at(template, "spec.securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(at(template, "spec.automountServiceAccountToken")).isEqualTo(false);
            for (Map<String, Object> container : list(at(template, "spec.containers"))) {
                assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void theQuotaHoldsExactlyWhatThePodsRequest(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (Map<String, Object> object : objects) {
            Object template = at(object, "spec.template");
            if (template == null) {
                continue;
            }
            BigDecimal replicas = BigDecimal.valueOf(((Number) Objects.requireNonNullElse(
                    at(object, "spec.replicas"), 1)).longValue());
            for (Map<String, Object> container : list(at(template, "spec.containers"))) {
                cpu = cpu.add(quantity(at(container, "resources.requests.cpu")).multiply(replicas));
                memory = memory.add(quantity(at(container, "resources.requests.memory")).multiply(replicas));
                assertThat(at(container, "resources.limits.memory"))
                        .isEqualTo(at(container, "resources.requests.memory"));
            }
        }
        Map<String, Object> quota = ChartObjects.byKind(objects, "ResourceQuota");

        assertThat(quantity(hard(quota).get("requests.cpu"))).isEqualByComparingTo(cpu);
        assertThat(quantity(hard(quota).get("requests.memory"))).isEqualByComparingTo(memory);
        assertThat(quantity(hard(quota).get("limits.memory"))).isEqualByComparingTo(memory);
        assertThat(at(quota, "spec.hard.persistentvolumeclaims"))
                .isEqualTo(Integer.toString(matrixCase.databases().size()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void networkPoliciesDenyByDefaultAndAdmitOnlyTheIngressAndObservabilityNamespaces(Case matrixCase) {
        List<Map<String, Object>> objects = render(matrixCase);

        assertNetworkPolicies(objects, "kube-system", "monitoring", 8080);
    }

    // ---- exact numbers and wiring ---------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no database                        | ''                      | 300m | 512Mi | false | 300m  | 512Mi  | 0 | 0   | 512Mi
            postgres                           | POSTGRES                | 300m | 512Mi | false | 550m  | 768Mi  | 1 | 1Gi | 512Mi
            postgres, mariadb and redis        | POSTGRES MARIADB REDIS  | 300m | 512Mi | false | 1050m | 1280Mi | 3 | 3Gi | 512Mi
            postgres with seed scripts         | POSTGRES                | 300m | 512Mi | true  | 650m  | 896Mi  | 1 | 1Gi | 512Mi
            seed scripts without SQL database  | REDIS                   | 300m | 512Mi | true  | 550m  | 768Mi  | 1 | 1Gi | 512Mi
            a small app under its databases    | POSTGRES REDIS          | 100m | 128Mi | false | 600m  | 640Mi  | 2 | 2Gi | 256Mi
            decimal cores and binary gigabytes | POSTGRES MARIADB REDIS  | 1.5  | 1.5Gi | false | 2250m | 2304Mi | 3 | 3Gi | 1536Mi
            four whole cores                   | POSTGRES MARIADB REDIS  | 3250m | 1Gi  | false | 4     | 1792Mi | 3 | 3Gi | 1Gi
            """)
    void theQuotaIsTheAppPlusTheIncrementPerDatabase(String name, String databases, String appCpu, String appMemory,
            boolean seed, String cpu, String memory, String claims, String storage, String maxContainerMemory) {
        List<Database> list = databases.isBlank() ? List.of()
                : Stream.of(databases.trim().split("\\s+")).map(Database::valueOf).toList();
        Case matrixCase = new Case(name, list, Map.of(), new PreviewConfig.Resources(appCpu, appMemory), Map.of(),
                seed, false);

        List<Map<String, Object>> objects = render(matrixCase);

        Map<String, Object> quota = byName(objects, "ResourceQuota", "preview");
        assertThat(at(quota, "spec.hard")).isEqualTo(Map.of(
                "requests.cpu", cpu,
                "requests.memory", memory,
                "limits.memory", memory,
                "persistentvolumeclaims", claims,
                "requests.storage", storage,
                "services.loadbalancers", "0",
                "services.nodeports", "0"));
        Map<String, Object> limitRange = byName(objects, "LimitRange", "preview");
        assertThat(at(limitRange, "spec.limits")).isEqualTo(List.of(
                Map.of("type", "Container",
                        "defaultRequest", Map.of("cpu", "100m", "memory", "128Mi"),
                        "default", Map.of("memory", "128Mi"),
                        "max", Map.of("memory", maxContainerMemory)),
                Map.of("type", "PersistentVolumeClaim", "max", Map.of("storage", "1Gi"))));
    }

    @Test
    void replicasFromAnOverrideMultiplyTheAppsShareOfTheQuota() {
        Case matrixCase = new Case("replicas", List.of(Database.POSTGRES), Map.of(),
                new PreviewConfig.Resources("250m", "512Mi"), Map.of("replicas", "4"), false, false);

        List<Map<String, Object>> objects = render(matrixCase);

        assertThat(at(byName(objects, "Deployment", "app"), "spec.replicas")).isEqualTo(4);
        assertThat(hard(byName(objects, "ResourceQuota", "preview")).get("requests.cpu")).isEqualTo("1250m");
        assertThat(hard(byName(objects, "ResourceQuota", "preview")).get("requests.memory"))
                .isEqualTo("2304Mi");
    }

    @Test
    void theAppReadsEachDatabaseFromItsSecretAndDatabaseUrlPointsAtTheFirstSqlOne() {
        Case matrixCase = new Case("all", List.of(Database.MARIADB, Database.REDIS, Database.POSTGRES), Map.of(),
                BASE, Map.of(), false, false);

        List<Map<String, Object>> objects = render(matrixCase);

        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> entry : list(at(byName(objects, "Deployment", "app"),
                "spec.template.spec.containers.0.env"))) {
            env.put((String) entry.get("name"), entry.containsKey("value") ? "value " + entry.get("value")
                    : "secret " + at(entry, "valueFrom.secretKeyRef.name") + "/" + at(entry, "valueFrom.secretKeyRef.key"));
        }
        assertThat(env).containsExactly(
                Map.entry("POSTGRES_HOST", "value postgres"),
                Map.entry("POSTGRES_PORT", "value 5432"),
                Map.entry("POSTGRES_DB", "value shop"),
                Map.entry("POSTGRES_USER", "secret postgres-credentials/username"),
                Map.entry("POSTGRES_PASSWORD", "secret postgres-credentials/password"),
                Map.entry("POSTGRES_URL", "secret postgres-credentials/url"),
                Map.entry("MARIADB_HOST", "value mariadb"),
                Map.entry("MARIADB_PORT", "value 3306"),
                Map.entry("MARIADB_DATABASE", "value shop"),
                Map.entry("MARIADB_USER", "secret mariadb-credentials/username"),
                Map.entry("MARIADB_PASSWORD", "secret mariadb-credentials/password"),
                Map.entry("MARIADB_URL", "secret mariadb-credentials/url"),
                Map.entry("REDIS_HOST", "value redis"),
                Map.entry("REDIS_PORT", "value 6379"),
                Map.entry("REDIS_PASSWORD", "secret redis-credentials/password"),
                Map.entry("REDIS_URL", "secret redis-credentials/url"),
                Map.entry("DATABASE_URL", "secret mariadb-credentials/url"));
        assertThat(at(byName(objects, "Secret", "postgres-credentials"), "stringData")).isEqualTo(Map.of(
                "username", "shop_app", "password", POSTGRES_PASSWORD, "database", "shop",
                "url", "postgresql://shop_app:" + POSTGRES_PASSWORD + "@postgres:5432/shop"));
        assertThat(at(byName(objects, "Secret", "mariadb-credentials"), "stringData.url"))
                .isEqualTo("mysql://shop_app:" + MARIADB_PASSWORD + "@mariadb:3306/shop");
        assertThat(at(byName(objects, "Secret", "redis-credentials"), "stringData")).isEqualTo(Map.of(
                "username", "default", "password", REDIS_PASSWORD,
                "url", "redis://:" + REDIS_PASSWORD + "@redis:6379/0"));
    }

    @Test
    void theRepositorysOwnEnvWinsOverTheDatabaseWiringAndStaysLiteral() {
        Case matrixCase = new Case("env", List.of(Database.POSTGRES), Map.of(
                "POSTGRES_HOST", "db.example.test", "ENABLED", "yes", "ZIP", "0123", "SCALE", "1e3", "EMPTY", ""),
                BASE, Map.of("env.FEATURE_FLAG", "{{ .Values.databases.postgres.password }}",
                        "env.LIST", "a,b={c}\\,d"), false, false);

        List<Map<String, Object>> env = list(at(byName(render(matrixCase), "Deployment", "app"),
                "spec.template.spec.containers.0.env"));

        Map<String, Object> literal = new TreeMap<>();
        env.stream().filter(entry -> entry.containsKey("value"))
                .forEach(entry -> literal.put((String) entry.get("name"), entry.get("value")));
        assertThat(literal).isEqualTo(new TreeMap<>(Map.of(
                "POSTGRES_HOST", "db.example.test", "POSTGRES_PORT", "5432", "POSTGRES_DB", "shop",
                "ENABLED", "yes", "ZIP", "0123", "SCALE", "1e3", "EMPTY", "",
                "FEATURE_FLAG", "{{ .Values.databases.postgres.password }}", "LIST", "a,b={c}\\,d")));
        assertThat(env).extracting(entry -> entry.get("name")).doesNotHaveDuplicates();
    }

    @Test
    void eachDatabaseRunsAsItsImagesUserOnItsOwnVolumeWithAReadinessProbe() {
        Case matrixCase = new Case("all", List.of(Database.POSTGRES, Database.MARIADB, Database.REDIS), Map.of(),
                BASE, Map.of(), false, false);

        List<Map<String, Object>> objects = render(matrixCase);

        Map<String, List<Object>> expected = Map.of(
                "postgres", List.of("postgres:17-alpine", 70, 70, 5432, "/var/lib/postgresql/data"),
                "mariadb", List.of("mariadb:11", 999, 999, 3306, "/var/lib/mysql"),
                "redis", List.of("redis:7-alpine", 999, 1000, 6379, "/data"));
        expected.forEach((database, facts) -> {
            Map<String, Object> statefulSet = byName(objects, "StatefulSet", database);
            Map<String, Object> pod = ChartObjects.cast(at(statefulSet, "spec.template.spec"));
            assertThat(List.of(at(pod, "containers.0.image"), at(pod, "securityContext.runAsUser"),
                    at(pod, "securityContext.fsGroup"), at(pod, "containers.0.ports.0.containerPort"),
                    at(pod, "containers.0.volumeMounts.0.mountPath"))).as(database).isEqualTo(facts);
            assertThat(at(pod, "containers.0.readinessProbe.exec.command")).as(database).isNotNull();
            assertThat(at(statefulSet, "spec.replicas")).isEqualTo(1);
            assertThat(at(statefulSet, "spec.volumeClaimTemplates.0.spec.resources.requests.storage")).isEqualTo("1Gi");
            assertThat(at(statefulSet, "spec.volumeClaimTemplates.0.spec.storageClassName")).isNull();
            assertThat(at(statefulSet, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted")).isEqualTo("Delete");
            assertThat(at(byName(objects, "Service", database), "spec.ports.0.port")).isEqualTo(facts.get(3));
            assertThat(at(byName(objects, "Service", database), "spec.selector"))
                    .isEqualTo(at(statefulSet, "spec.selector.matchLabels"));
        });
    }

    @Test
    void seedScriptsRunInOrderAgainstPostgresWithCredentialsFromItsSecret() {
        List<Map<String, Object>> objects = render(new Case("seed", List.of(Database.POSTGRES), Map.of(), BASE,
                Map.of(), true, false));

        Map<String, Object> scripts = byName(objects, "ConfigMap", "seed-scripts");
        assertThat(at(scripts, "data")).isEqualTo(Map.of(
                "001-01-schema.sql", fixture("01-schema.sql"),
                "002-02-products.sql", fixture("02-products.sql"),
                "003-weird-name--rm--rf-.sql", "select 1;\n"));
        Map<String, Object> job = byName(objects, "Job", "seed");
        assertThat(at(job, "spec.backoffLimit")).isEqualTo(4);
        assertThat(at(job, "spec.ttlSecondsAfterFinished")).isEqualTo(3600);
        assertThat(at(job, "spec.template.spec.restartPolicy")).isEqualTo("Never");
        assertThat(at(job, "spec.template.spec.containers.0.image")).isEqualTo("postgres:17-alpine");
        assertThat(at(job, "spec.template.spec.volumes.0.configMap.name")).isEqualTo("seed-scripts");
        assertThat(at(job, "spec.template.spec.containers.0.env")).isEqualTo(List.of(
                Map.of("name", "PGHOST", "value", "postgres"),
                Map.of("name", "PGPORT", "value", "5432"),
                Map.of("name", "PGDATABASE", "value", "shop"),
                Map.of("name", "PGUSER", "valueFrom",
                        Map.of("secretKeyRef", Map.of("name", "postgres-credentials", "key", "username"))),
                Map.of("name", "PGPASSWORD", "valueFrom",
                        Map.of("secretKeyRef", Map.of("name", "postgres-credentials", "key", "password")))));
        assertThat((String) at(job, "spec.template.spec.containers.0.command.2"))
                .contains("for script in /seed/*;")
                .contains("psql -v ON_ERROR_STOP=1 --single-transaction");
    }

    @Test
    void mariadbIsSeededWhenItIsTheFirstSqlDatabase() {
        List<Map<String, Object>> objects = render(new Case("seed", List.of(Database.REDIS, Database.MARIADB),
                Map.of(), BASE, Map.of(), true, false));

        Map<String, Object> job = byName(objects, "Job", "seed");
        assertThat(at(job, "spec.template.spec.containers.0.image")).isEqualTo("mariadb:11");
        assertThat(at(job, "spec.template.spec.securityContext.runAsUser")).isEqualTo(999);
        assertThat((String) at(job, "spec.template.spec.containers.0.command.2"))
                .contains("mariadb -h mariadb -u \"$MARIADB_USER\" \"$MARIADB_DATABASE\" < \"$script\"");
    }

    @Test
    void seedScriptsWithoutASqlDatabaseRenderNoJob() {
        List<Map<String, Object>> objects = render(new Case("seed", List.of(Database.REDIS), Map.of(), BASE,
                Map.of(), true, false));

        assertThat(objects).extracting(ChartObjects::kind).doesNotContain("Job", "ConfigMap");
    }

    @Test
    void serverSettingsChooseNamespacesImagesSizesAndStorageClass() {
        ChartSettings settings = new ChartSettings(null, "nginx", "wildcard-tls", "letsencrypt", "ingress-nginx",
                "observability", "500m", "1Gi", "5Gi", "fast-ssd", "registry.test/postgres:17", "registry.test/mariadb:11",
                "registry.test/redis:7");
        Case matrixCase = new Case("settings", List.of(Database.POSTGRES, Database.REDIS), Map.of(), BASE, Map.of(),
                false, false);

        List<Map<String, Object>> objects = ChartFixtures.parse(ChartFixtures.render(dataDir, settings,
                request(matrixCase)));

        assertNetworkPolicies(objects, "ingress-nginx", "observability", 8080);
        assertThat(at(byName(objects, "ResourceQuota", "preview"), "spec.hard")).isEqualTo(Map.of(
                "requests.cpu", "1300m", "requests.memory", "2560Mi", "limits.memory", "2560Mi",
                "persistentvolumeclaims", "2", "requests.storage", "10Gi",
                "services.loadbalancers", "0", "services.nodeports", "0"));
        Map<String, Object> postgres = byName(objects, "StatefulSet", "postgres");
        assertThat(at(postgres, "spec.template.spec.containers.0.image")).isEqualTo("registry.test/postgres:17");
        assertThat(at(postgres, "spec.template.spec.containers.0.resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "500m", "memory", "1Gi"), "limits", Map.of("memory", "1Gi")));
        assertThat(at(postgres, "spec.volumeClaimTemplates.0.spec.storageClassName")).isEqualTo("fast-ssd");
        assertThat(at(postgres, "spec.volumeClaimTemplates.0.spec.resources.requests.storage")).isEqualTo("5Gi");
        assertThat(at(byName(objects, "StatefulSet", "redis"), "spec.template.spec.containers.0.image"))
                .isEqualTo("registry.test/redis:7");
        Map<String, Object> ingress = byName(objects, "Ingress", "app");
        assertThat(at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(at(ingress, "spec.tls.0.secretName")).isEqualTo("wildcard-tls");
        assertThat(ChartObjects.annotations(ingress)).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    // ---- refusals -------------------------------------------------------------------------------

    @Test
    void aDatabaseWithoutCredentialsIsRefusedNamingIt() {
        RenderRequest request = new RenderRequest(HelmChartRendererTest.environment(Map.of()),
                ChartFixtures.config(List.of(Database.POSTGRES, Database.REDIS), Map.of(), BASE),
                Map.of(Database.POSTGRES, CREDENTIALS.get(Database.POSTGRES)), Map.of());

        assertThatThrownBy(() -> ChartFixtures.render(dataDir, ChartFixtures.settings(), request))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessage("rendering \"shop-pr-42\" needs credentials for database \"redis\" and none were given");
    }

    @Test
    void replicasThatAreNotAWholeNumberAreRefused() {
        Case matrixCase = new Case("replicas", List.of(), Map.of(), BASE, Map.of("replicas", "two"), false, false);

        assertThatThrownBy(() -> render(matrixCase))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessage("--set replicas=\"two\" is not a whole number of replicas");
    }

    @Test
    void theChartsSchemaRefusesAShortPasswordWithoutQuotingIt() {
        RenderRequest request = new RenderRequest(HelmChartRendererTest.environment(Map.of()),
                ChartFixtures.config(List.of(Database.POSTGRES), Map.of(), BASE),
                Map.of(Database.POSTGRES, new DatabaseCredentials("app", "app", "tooShort42")), Map.of());

        assertThatThrownBy(() -> ChartFixtures.render(dataDir, ChartFixtures.settings(), request))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessageContaining("/databases/postgres/password")
                .hasMessageContaining("minLength")
                .hasMessageNotContaining("tooShort42");
    }

    @Test
    void theChartsSchemaRefusesAnOverrideThatNamesNoValue() {
        Case matrixCase = new Case("override", List.of(), Map.of(), BASE, Map.of("image.tag", "canary"), false, false);

        assertThatThrownBy(() -> render(matrixCase))
                .isInstanceOf(ChartRenderingException.class)
                .hasMessageContaining("/app/image");
    }

    @Test
    void theStrictReaderFailsOnAnUnknownFieldAndOnAWrongType() {
        Map<String, Object> misspelled = ChartObjects.cast(new Yaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: app
                          image: nginx
                          readinesProbe: {httpGet: {path: /, port: 80}}
                """));
        Map<String, Object> quoted = ChartObjects.cast(new Yaml().load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: "2"
                  selector: {matchLabels: {a: b}}
                  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: app, image: nginx}]}}
                """));

        assertThatThrownBy(() -> StrictModels.read(misspelled)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("readinesProbe");
        assertThatThrownBy(() -> StrictModels.read(quoted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("apps/v1/Deployment \"app\"");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void assertNetworkPolicies(List<Map<String, Object>> objects, String ingressNamespace,
            String observabilityNamespace, int appPort) {
        Map<String, Map<String, Object>> policies = new TreeMap<>();
        objects.stream().filter(object -> "NetworkPolicy".equals(ChartObjects.kind(object)))
                .forEach(policy -> policies.put((String) at(policy, "metadata.name"), policy));
        assertThat(policies).containsOnlyKeys("default-deny", "allow-within-namespace",
                "allow-from-ingress-controller", "allow-from-observability", "allow-egress");

        assertThat(at(policies.get("default-deny"), "spec")).isEqualTo(Map.of(
                "podSelector", Map.of(), "policyTypes", List.of("Ingress", "Egress")));

        Set<String> admitted = new TreeSet<>();
        Set<String> reached = new TreeSet<>();
        for (Map<String, Object> policy : policies.values()) {
            for (Map<String, Object> rule : list(at(policy, "spec.ingress"))) {
                for (Map<String, Object> peer : list(rule.get("from"))) {
                    assertThat(peer).as("an ingress peer").doesNotContainKey("ipBlock");
                    if (peer.containsKey("namespaceSelector")) {
                        admitted.add(namespaceName(peer));
                    } else {
                        assertThat(peer).as("a peer in the namespace").isEqualTo(Map.of("podSelector", Map.of()));
                    }
                }
            }
            for (Map<String, Object> rule : list(at(policy, "spec.egress"))) {
                for (Map<String, Object> peer : list(rule.get("to"))) {
                    if (peer.containsKey("namespaceSelector")) {
                        reached.add(namespaceName(peer));
                    } else if (peer.containsKey("ipBlock")) {
                        if ("0.0.0.0/0".equals(at(peer, "ipBlock.cidr"))) {
                            assertThat(ChartObjects.<List<String>>cast(at(peer, "ipBlock.except"))).contains(
                                    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
                        }
                    } else {
                        assertThat(peer).as("a peer in the namespace").isEqualTo(Map.of("podSelector", Map.of()));
                    }
                }
            }
        }
        assertThat(admitted).containsExactlyInAnyOrder(ingressNamespace, observabilityNamespace);
        assertThat(reached).containsExactly(observabilityNamespace);

        Map<String, Object> fromIngress = policies.get("allow-from-ingress-controller");
        assertThat(at(fromIngress, "spec.podSelector.matchLabels")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "app", "app.kubernetes.io/instance", "shop-pr-42"));
        assertThat(at(fromIngress, "spec.ingress.0.ports")).isEqualTo(List.of(Map.of("protocol", "TCP", "port", appPort)));
    }

    /** Only the API server sets kubernetes.io/metadata.name, so no other namespace can pose as this one. */
    private static String namespaceName(Map<String, Object> peer) {
        assertThat(peer).containsOnlyKeys("namespaceSelector");
        Object matchLabels = at(peer, "namespaceSelector.matchLabels");
        assertThat(at(peer, "namespaceSelector")).as("selects namespaces only by name")
                .isEqualTo(Map.of("matchLabels", matchLabels));
        assertThat(ChartObjects.<Map<String, Object>>cast(matchLabels)).containsOnlyKeys("kubernetes.io/metadata.name");
        return (String) ChartObjects.<Map<String, Object>>cast(matchLabels).get("kubernetes.io/metadata.name");
    }

    private List<Map<String, Object>> render(Case matrixCase) {
        return ChartFixtures.parse(ChartFixtures.render(dataDir, settings(matrixCase), request(matrixCase)));
    }

    private static ChartSettings settings(Case matrixCase) {
        return matrixCase.tls()
                ? ChartFixtures.settings(null, "traefik", "wildcard-preview-tls", "letsencrypt")
                : ChartFixtures.settings();
    }

    private static RenderRequest request(Case matrixCase) {
        Environment environment = HelmChartRendererTest.environment(matrixCase.overrides());
        Map<Database, DatabaseCredentials> credentials = new LinkedHashMap<>();
        matrixCase.databases().forEach(database -> credentials.put(database, CREDENTIALS.get(database)));
        Map<String, String> seeds = new LinkedHashMap<>();
        if (matrixCase.seed()) {
            seeds.put("db/seed/01-schema.sql", fixture("01-schema.sql"));
            seeds.put("db/seed/02-products.sql", fixture("02-products.sql"));
            seeds.put("db/other/weird name; rm -rf .sql", "select 1;\n");
        }
        return new RenderRequest(environment,
                ChartFixtures.config(matrixCase.databases(), matrixCase.env(), matrixCase.resources()),
                credentials, seeds);
    }

    private Path copyOfBuiltInChart(ChartSettings settings) throws IOException {
        Path builtIn = new ChartLocation(settings, new RunbotSettings(dataDir, "preview.test")).directory();
        Path copy = dataDir.resolve("lint").resolve("preview-env");
        try (Stream<Path> paths = Files.walk(builtIn)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = copy.resolve(builtIn.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy;
    }

    /** Values over the chart's defaults, the way Helm coalesces them: maps merge, everything else replaces. */
    private static Map<String, Object> merged(Map<String, Object> defaults, Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>(defaults);
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> base) {
                result.put(key, merged(ChartObjects.cast(base), ChartObjects.cast(map)));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }

    /** Pod templates and volume claim templates: the objects inside objects. */
    private static List<Map<String, Object>> templates(List<Map<String, Object>> objects) {
        List<Map<String, Object>> templates = new ArrayList<>(podTemplates(objects));
        for (Map<String, Object> object : objects) {
            templates.addAll(list(at(object, "spec.volumeClaimTemplates")));
        }
        return templates;
    }

    private static List<Map<String, Object>> podTemplates(List<Map<String, Object>> objects) {
        return objects.stream().filter(object -> at(object, "spec.template") != null)
                .map(object -> ChartObjects.<Map<String, Object>>cast(at(object, "spec.template"))).toList();
    }

    private static List<Map<String, Object>> containers(List<Map<String, Object>> objects) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> template : podTemplates(objects)) {
            containers.addAll(list(at(template, "spec.containers")));
        }
        return containers;
    }

    private static Map<String, Object> byName(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(ChartObjects.kind(object)) && name.equals(at(object, "metadata.name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " \"" + name + "\" in "
                        + objects.stream().map(ChartMatrixTest::name).toList()));
    }

    private static String name(Map<String, Object> object) {
        return ChartObjects.kind(object) + "/" + at(object, "metadata.name");
    }

    private static Map<String, Object> hard(Map<String, Object> quota) {
        return ChartObjects.cast(at(quota, "spec.hard"));
    }

    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : ChartObjects.cast(value);
    }

    private static BigDecimal quantity(Object value) {
        return new Quantity(String.valueOf(value)).getNumber();
    }

    static String fixture(String name) {
        try {
            return Files.readString(Path.of(ChartMatrixTest.class.getResource("ChartMatrixTest/" + name).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading fixture \"" + name + "\"", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture \"" + name + "\" has no file path", e);
        }
    }
}
