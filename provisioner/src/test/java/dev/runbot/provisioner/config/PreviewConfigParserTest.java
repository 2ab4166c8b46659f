package dev.runbot.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.ConfigProblem.Position;
import dev.runbot.provisioner.config.PreviewConfig.AutoDeploy;
import dev.runbot.provisioner.config.PreviewConfig.Resources;
import dev.runbot.provisioner.config.PreviewConfig.UrlSuffix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code .preview.yaml} files, good and hostile, each with exactly what runbot makes of it. Whole
 * files are fixtures beside this test; single settings are rows of the tables, each under
 * {@code image: ghcr.io/acme/shop} unless the row says otherwise.
 */
class PreviewConfigParserTest {

    private static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    private static final String IMAGE = "image: ghcr.io/acme/shop\n";
    private static final String IMAGE_REQUIRED = "image: is required (the image repository, e.g. ghcr.io/acme/shop).";
    private static final String NOT_A_DURATION = "ttl: %s is not a duration. Use 90m, 12h, 2d or 1d12h.";
    private static final String PORT_RANGE = "port: must be between 1 and 65535.";
    private static final String PORT_KIND = "port: must be a whole number between 1 and 65535, e.g. 8080.";
    private static final String NOT_A_DATABASE = "%s: %s is not a supported database. Use postgres, mariadb or redis.";
    private static final String SLACK_USE = "Use the channel name in quotes, e.g. \"#shop-previews\" (without quotes"
            + " # starts a comment), or a channel ID such as C0123456789.";
    private static final String ENV_USE = "Use text, a number or true/false, e.g. debug, or \"\" for an empty value.";
    private static final String SEED_USE = "Use a path relative to the repository root, e.g. db/seed.sql.";
    private static final String KNOWN_SETTINGS = "Known settings: project, image, tag, fallbackTag, port, healthPath,"
            + " ttl, autoDeploy, label, databases, env, resources, allowedOverrides, slackChannel, urlSuffix, seed.";

    // -- whole files --------------------------------------------------------------------------------

    @Test
    void theExampleOfEnvironmentMdIsReadSettingBySetting() {
        PreviewConfig expected = new PreviewConfig(Optional.of("shop"), "ghcr.io/acme/shop", "pr-{number}-{sha7}",
                Optional.of("latest"), 8080, "/healthz", Optional.of(Duration.ofHours(72)), AutoDeploy.LABEL, "preview",
                List.of(Database.POSTGRES), Map.of("LOG_LEVEL", "debug"), new Resources("300m", "512Mi"),
                List.of("replicas", "env.FEATURE_FLAG"), Optional.of("#shop-previews"), UrlSuffix.NONE, List.of());

        assertThat(parse(fixture("environment-md-example.preview.yaml"))).isEqualTo(new PreviewConfigResult.Valid(expected));
    }

    @Test
    void everySettingAwayFromItsDefaultIsReadAsWritten() {
        PreviewConfig expected = new PreviewConfig(Optional.of("shop-api"), "registry.example.com:5000/acme/shop-api",
                "{branch}-{sha}", Optional.of("1.10"), 9000, "/api/health?ready=1", Optional.of(Duration.ofHours(36)),
                AutoDeploy.ALWAYS, "needs-preview", List.of(Database.MARIADB, Database.REDIS),
                Map.of("LOG_LEVEL", "debug", "WORKERS", "4", "FEATURE_NEW_CHECKOUT", "true", "RATIO", "0.50",
                        "LEGACY_FLAG", "off", "GREETING", "hello: world", "EMPTY", ""),
                new Resources("0.5", "1Gi"), List.of("replicas", "env.FEATURE_NEW_CHECKOUT"), Optional.of("C0123456789"),
                UrlSuffix.RANDOM, List.of("db/schema.sql", "db/seed/01-users.SQL"));

        assertThat(parse(fixture("every-setting.preview.yaml"))).isEqualTo(new PreviewConfigResult.Valid(expected));
    }

    @Test
    void aFileWithOnlyTheImageGetsTheDefaultsOfEverythingElse() {
        PreviewConfig defaults = PreviewConfig.defaults(SHOP);

        assertThat(parse("image: ghcr.io/acme/shop\n")).isEqualTo(new PreviewConfigResult.Valid(defaults));
        assertThat(parse("image: ghcr.io/acme/storefront")).isEqualTo(new PreviewConfigResult.Valid(new PreviewConfig(
                Optional.empty(), "ghcr.io/acme/storefront", PreviewConfig.DEFAULT_TAG, Optional.of("latest"), 8080,
                "/healthz", Optional.empty(), AutoDeploy.LABEL, "preview", List.of(), Map.of(),
                new Resources("300m", "512Mi"), List.of(), Optional.empty(), UrlSuffix.NONE, List.of())));
    }

    @Test
    void mergeKeysAndAliasesAreYamlAndWork() {
        PreviewConfig config = valid(fixture("merged.preview.yaml"));

        assertThat(config.env()).isEqualTo(Map.of("LOG_LEVEL", "debug", "REGION", "eu"));
        assertThat(config.allowedOverrides()).containsExactly("replicas");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInTheOrderOfTheFileMissingSettingsLast() {
        PreviewConfigResult.Invalid invalid = invalid(fixture("many-problems.preview.yaml"));

        assertThat(invalid.text() + "\n").isEqualTo(fixture("many-problems.expected.txt"));
    }

    @Test
    void eachProblemSaysWhereItIs() {
        List<ConfigProblem> problems = invalid(IMAGE + "ttl: 3x\nresources:\n  cpu: lots\n").problems();

        assertThat(problems).containsExactly(
                new ConfigProblem("ttl", Optional.of(new Position(2, 6)),
                        "\"3x\" is not a duration. Use 90m, 12h, 2d or 1d12h."),
                new ConfigProblem("resources.cpu", Optional.of(new Position(4, 8)),
                        "\"lots\" is not a CPU amount. Use millicores or cores, e.g. 300m, 0.5 or 2."));
        assertThat(problems.get(0).describe())
                .isEqualTo("line 2, column 6: ttl: \"3x\" is not a duration. Use 90m, 12h, 2d or 1d12h.");
    }

    // -- one setting at a time ----------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource({"project", "image", "tags", "port", "healthPath", "ttl", "autoDeploy", "label", "databases", "env",
            "resources", "allowedOverrides", "slackChannel", "urlSuffix", "seed", "unknownSettings", "yamlTypes"})
    void eachBadValueGetsASentenceNamingTheSetting(String yaml, List<String> expected) {
        assertThat(texts(parse(yaml))).isEqualTo(expected);
    }

    static Stream<Arguments> project() {
        String use = " is not a project name. Use up to 40 lower-case letters, digits and dashes, starting and ending"
                + " with a letter or digit, e.g. shop.";
        return Stream.of(
                bad("project: Shop_App", "project: \"Shop_App\"" + use),
                bad("project: -shop", "project: \"-shop\"" + use),
                bad("project: shop-", "project: \"shop-\"" + use),
                bad("project: \"\"", "project: \"\"" + use),
                bad("project: " + "a".repeat(41), "project: \"" + "a".repeat(40) + "…\"" + use),
                bad("project: [shop]", "project: must be a project name, not a list. Use up to 40 lower-case letters,"
                        + " digits and dashes, starting and ending with a letter or digit, e.g. shop."));
    }

    static Stream<Arguments> image() {
        String use = " is not an image repository. Use a lower-case name without tag or digest, e.g. ghcr.io/acme/shop.";
        return Stream.of(
                arguments("port: 8080", List.of(IMAGE_REQUIRED)),
                arguments("image:", List.of("image: has no value. Use a lower-case name without tag or digest,"
                        + " e.g. ghcr.io/acme/shop.")),
                arguments("image: ghcr.io/acme/shop:1.2", List.of("image: \"ghcr.io/acme/shop:1.2\"" + use)),
                arguments("image: ghcr.io/acme/shop@sha256:abc", List.of("image: \"ghcr.io/acme/shop@sha256:abc\"" + use)),
                arguments("image: ghcr.io/Acme/Shop", List.of("image: \"ghcr.io/Acme/Shop\"" + use)),
                arguments("image: https://ghcr.io/acme/shop", List.of("image: \"https://ghcr.io/acme/shop\"" + use)),
                arguments("image: { name: shop }", List.of("image: must be an image repository, not a mapping."
                        + " Use a lower-case name without tag or digest, e.g. ghcr.io/acme/shop.")));
    }

    static Stream<Arguments> tags() {
        String template = " is not a tag template. Use letters, digits, _, . and - with the placeholders {number},"
                + " {sha}, {sha7} and {branch}, e.g. pr-{number}-{sha7}.";
        String imageTag = " is not an image tag. Use up to 128 letters, digits, _, . and -, starting with a letter,"
                + " digit or _, e.g. latest.";
        return Stream.of(
                bad("tag: pr-{pr}", "tag: \"{pr}\" is not a placeholder. Use {number}, {sha}, {sha7} or {branch}."),
                bad("tag: \"{number}-{SHA}\"", "tag: \"{SHA}\" is not a placeholder. Use {number}, {sha}, {sha7} or {branch}."),
                bad("tag: pr/{number}", "tag: \"pr/{number}\"" + template),
                bad("tag: -{number}", "tag: \"-{number}\"" + template),
                bad("tag: \"\"", "tag: \"\"" + template),
                bad("tag: " + "x".repeat(129), "tag: is 129 characters long; at most 128 are allowed."),
                bad("fallbackTag: \"has space\"", "fallbackTag: \"has space\"" + imageTag),
                bad("fallbackTag: .hidden", "fallbackTag: \".hidden\"" + imageTag),
                good("tag: \"{branch}\"", config -> config.tag().equals("{branch}")),
                good("tag: 42", config -> config.tag().equals("42")),
                good("fallbackTag: 1.10", config -> config.fallbackTag().equals(Optional.of("1.10"))));
    }

    static Stream<Arguments> port() {
        return Stream.of(
                bad("port: 0", PORT_RANGE),
                bad("port: -1", PORT_RANGE),
                bad("port: 65536", PORT_RANGE),
                bad("port: 99999999999999999999999", PORT_RANGE),
                bad("port: \"8080\"", PORT_KIND),
                bad("port: eighty", PORT_KIND),
                bad("port: 80.5", PORT_KIND),
                bad("port: true", PORT_KIND),
                bad("port: [8080]", PORT_KIND),
                bad("port: .nan", PORT_KIND),
                bad("port:", "port: has no value. Use a whole number between 1 and 65535, e.g. 8080."),
                good("port: 1", config -> config.port() == 1),
                good("port: 65535", config -> config.port() == 65535),
                good("port: 8_080", config -> config.port() == 8080),
                good("port: 0x1F90", config -> config.port() == 8080));
    }

    static Stream<Arguments> healthPath() {
        String use = " is not an HTTP path. Use a path that starts with / and has no spaces, e.g. /healthz.";
        return Stream.of(
                bad("healthPath: healthz", "healthPath: \"healthz\"" + use),
                bad("healthPath: /health check", "healthPath: \"/health check\"" + use),
                bad("healthPath: http://x/healthz", "healthPath: \"http://x/healthz\"" + use),
                good("healthPath: /", config -> config.healthPath().equals("/")),
                good("healthPath: /api/ready?full=1", config -> config.healthPath().equals("/api/ready?full=1")));
    }

    static Stream<Arguments> ttl() {
        return Stream.of(
                bad("ttl: 3x", NOT_A_DURATION.formatted("\"3x\"")),
                bad("ttl: 72", NOT_A_DURATION.formatted("\"72\"")),
                bad("ttl: 0m", NOT_A_DURATION.formatted("\"0m\"")),
                bad("ttl: 12h30", NOT_A_DURATION.formatted("\"12h30\"")),
                bad("ttl: 1h 30m", NOT_A_DURATION.formatted("\"1h 30m\"")),
                bad("ttl: 9999999999d", NOT_A_DURATION.formatted("\"9999999999d\"")),
                bad("ttl: 400d", NOT_A_DURATION.formatted("\"400d\"")),
                bad("ttl: 5m", "ttl: \"5m\" is too short. Durations start at 10m."),
                bad("ttl: [12h]", "ttl: must be a duration, not a list. Use 90m, 12h, 2d or 1d12h."),
                good("ttl: 90m", config -> config.ttl().equals(Optional.of(Duration.ofMinutes(90)))),
                good("ttl: 2D", config -> config.ttl().equals(Optional.of(Duration.ofDays(2)))),
                good("ttl: 10m", config -> config.ttl().equals(Optional.of(Duration.ofMinutes(10)))));
    }

    static Stream<Arguments> autoDeploy() {
        String choices = "autoDeploy: must be one of always, label, command.";
        return Stream.of(
                bad("autoDeploy: sometimes", choices),
                bad("autoDeploy: Label", choices),
                bad("autoDeploy: true", choices),
                bad("autoDeploy: [label]", choices),
                bad("autoDeploy:", "autoDeploy: has no value. Use always, label or command."),
                good("autoDeploy: command", config -> config.autoDeploy() == AutoDeploy.COMMAND),
                good("autoDeploy: always", config -> config.autoDeploy() == AutoDeploy.ALWAYS));
    }

    static Stream<Arguments> label() {
        String use = " is not a label name. Use up to 50 characters without spaces at either end, e.g. preview.";
        return Stream.of(
                bad("label: \" preview\"", "label: \" preview\"" + use),
                bad("label: \"\"", "label: \"\"" + use),
                bad("label: \"a\\nb\"", "label: \"a\uFFFDb\"" + use),
                bad("label: " + "l".repeat(51), "label: is 51 characters long; at most 50 are allowed."),
                good("label: \"deploy me 🚀\"", config -> config.label().equals("deploy me 🚀")),
                good("label: on", config -> config.label().equals("on")));
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                bad("databases: [postgres, mongodb]", NOT_A_DATABASE.formatted("databases[1]", "\"mongodb\"")),
                bad("databases: [Postgres]", NOT_A_DATABASE.formatted("databases[0]", "\"Postgres\"")),
                bad("databases: [5]", NOT_A_DATABASE.formatted("databases[0]", "\"5\"")),
                bad("databases: [redis, redis]", "databases[1]: \"redis\" is listed more than once. Keep one."),
                bad("databases: postgres", "databases: must be a list, not \"postgres\". Use a list, e.g. [postgres, redis]."),
                bad("databases: { postgres: 16 }", "databases: must be a list, not a mapping. Use a list, e.g. [postgres, redis]."),
                bad("databases: [{ postgres: 16 }]", "databases[0]: must be one of postgres, mariadb, redis."),
                bad("databases:", "databases: has no value. Use a list, e.g. [postgres, redis]."),
                good("databases: []", config -> config.databases().isEmpty()),
                good("databases: [redis, postgres]", config -> config.databases().equals(List.of(Database.REDIS, Database.POSTGRES))));
    }

    static Stream<Arguments> env() {
        String name = " is not an environment variable name. Use letters, digits and _, not starting with a digit, e.g. LOG_LEVEL.";
        return Stream.of(
                bad("env: { LOG-LEVEL: debug }", "env: \"LOG-LEVEL\"" + name),
                bad("env: { 1ST: x }", "env: \"1ST\"" + name),
                bad("env: { \"A B\": x }", "env: \"A B\"" + name),
                bad("env: { 42: x }", "env: \"42\"" + name),
                bad("env: { LOG_LEVEL: }", "env.LOG_LEVEL: has no value. " + ENV_USE),
                bad("env: { LOG_LEVEL: [a, b] }", "env.LOG_LEVEL: must be a single value, not a list. " + ENV_USE),
                bad("env: { NESTED: { a: b } }", "env.NESTED: must be a single value, not a mapping. " + ENV_USE),
                bad("env: { BIG: " + "x".repeat(4097) + " }", "env.BIG: is 4097 characters long; at most 4096 are allowed."),
                bad("env: [LOG_LEVEL=debug]", "env: must be a mapping of names to values, not a list. Use a mapping of"
                        + " names to values, e.g. { LOG_LEVEL: debug }."),
                bad("env:\n" + variables(101), "env: has 101 entries; at most 100 are allowed."),
                good("env: { PORT: 8080, DEBUG: yes, RATE: 1e3, NULLISH: \"null\", _X: \"\" }", config -> config.env().equals(
                        Map.of("PORT", "8080", "DEBUG", "yes", "RATE", "1e3", "NULLISH", "null", "_X", ""))),
                good("env: {}", config -> config.env().isEmpty()));
    }

    static Stream<Arguments> resources() {
        String cpu = " is not a CPU amount. Use millicores or cores, e.g. 300m, 0.5 or 2.";
        String memory = " is not a memory amount. Use Mi or Gi, e.g. 512Mi or 1Gi.";
        return Stream.of(
                bad("resources: { cpu: 3 cores }", "resources.cpu: \"3 cores\"" + cpu),
                bad("resources: { cpu: -1 }", "resources.cpu: \"-1\"" + cpu),
                bad("resources: { cpu: 300M }", "resources.cpu: \"300M\"" + cpu),
                bad("resources: { memory: 512MB }", "resources.memory: \"512MB\"" + memory),
                bad("resources: { memory: 1.5Gi }", "resources.memory: \"1.5Gi\"" + memory),
                bad("resources: { gpu: 1 }", "resources.gpu: is not a known setting. Did you mean \"cpu\"?"),
                bad("resources: { disk: 1Gi }", "resources.disk: is not a known setting. Known settings: cpu, memory."),
                bad("resources: 300m", "resources: must be a mapping, not \"300m\". Use a mapping, e.g. { cpu: 300m, memory: 512Mi }."),
                good("resources: { cpu: 2 }", config -> config.resources().equals(new Resources("2", "512Mi"))),
                good("resources: { memory: 2Gi }", config -> config.resources().equals(new Resources("300m", "2Gi"))),
                good("resources: { cpu: 1500m, memory: 268435456 }",
                        config -> config.resources().equals(new Resources("1500m", "268435456"))));
    }

    static Stream<Arguments> allowedOverrides() {
        String key = " is not an override key. Use up to 100 letters, digits, _, . or -, starting with a letter, digit"
                + " or _, e.g. replicas or env.FEATURE_FLAG.";
        return Stream.of(
                bad("allowedOverrides: [\"env FLAG\"]", "allowedOverrides[0]: \"env FLAG\"" + key),
                bad("allowedOverrides: [replicas, .hidden]", "allowedOverrides[1]: \".hidden\"" + key),
                bad("allowedOverrides: [replicas, replicas]", "allowedOverrides[1]: \"replicas\" is listed more than once. Keep one."),
                bad("allowedOverrides: replicas", "allowedOverrides: must be a list, not \"replicas\". Use a list, e.g."
                        + " [replicas, env.FEATURE_FLAG]."),
                good("allowedOverrides: [replicas, image.tag, env.FEATURE_FLAG]",
                        config -> config.allowedOverrides().equals(List.of("replicas", "image.tag", "env.FEATURE_FLAG"))));
    }

    static Stream<Arguments> slackChannel() {
        return Stream.of(
                bad("slackChannel: #shop-previews", "slackChannel: has no value. " + SLACK_USE),
                bad("slackChannel: shop-previews", "slackChannel: \"shop-previews\" is not a Slack channel. " + SLACK_USE),
                bad("slackChannel: \"#Shop Previews\"", "slackChannel: \"#Shop Previews\" is not a Slack channel. " + SLACK_USE),
                good("slackChannel: \"#shop-previews\"", config -> config.slackChannel().equals(Optional.of("#shop-previews"))),
                good("slackChannel: G01ABCDEF23", config -> config.slackChannel().equals(Optional.of("G01ABCDEF23"))));
    }

    static Stream<Arguments> urlSuffix() {
        return Stream.of(
                bad("urlSuffix: yes", "urlSuffix: must be one of none, random."),
                bad("urlSuffix: RANDOM", "urlSuffix: must be one of none, random."),
                good("urlSuffix: random", config -> config.urlSuffix() == UrlSuffix.RANDOM));
    }

    static Stream<Arguments> seed() {
        String withPostgres = "databases: [postgres]\n";
        return Stream.of(
                bad(withPostgres + "seed: [../secrets.sql]", "seed[0]: \"../secrets.sql\" has a \"..\" step; seed scripts"
                        + " come from inside the repository. " + SEED_USE),
                bad(withPostgres + "seed: [db/../../secrets.sql]", "seed[0]: \"db/../../secrets.sql\" has a \"..\" step;"
                        + " seed scripts come from inside the repository. " + SEED_USE),
                bad(withPostgres + "seed: [./db/seed.sql]", "seed[0]: \"./db/seed.sql\" has a \".\" step; seed scripts"
                        + " come from inside the repository. " + SEED_USE),
                bad(withPostgres + "seed: [/etc/passwd]", "seed[0]: \"/etc/passwd\" starts with /. " + SEED_USE),
                bad(withPostgres + "seed: [/db/seed.sql]", "seed[0]: \"/db/seed.sql\" starts with /. " + SEED_USE),
                bad(withPostgres + "seed: ['..\\secrets.sql']", "seed[0]: \"..\\secrets.sql\" has a \"..\" step; seed scripts"
                        + " come from inside the repository. " + SEED_USE),
                bad(withPostgres + "seed: [db/seed.txt]", "seed[0]: \"db/seed.txt\" is not an SQL script. Name a .sql file,"
                        + " e.g. db/seed.sql."),
                bad(withPostgres + "seed: [db//seed.sql]", "seed[0]: \"db//seed.sql\" is not a repository path. Use letters,"
                        + " digits, _, ., -, @ and +, with / between folders, e.g. db/seed.sql."),
                bad(withPostgres + "seed: [\"my seed.sql\"]", "seed[0]: \"my seed.sql\" is not a repository path. Use"
                        + " letters, digits, _, ., -, @ and +, with / between folders, e.g. db/seed.sql."),
                bad(withPostgres + "seed: db/seed.sql", "seed: must be a list, not \"db/seed.sql\". Use a list of SQL files,"
                        + " e.g. [db/schema.sql, db/seed.sql]."),
                bad("seed: [db/seed.sql]", "seed: needs an SQL database to run against. Add postgres or mariadb to databases."),
                bad("databases: [redis]\nseed: [db/seed.sql]",
                        "seed: needs an SQL database to run against. Add postgres or mariadb to databases."),
                good("databases: [redis, mariadb]\nseed: [db/seed.sql, fixtures/02-orders.sql]",
                        config -> config.seed().equals(List.of("db/seed.sql", "fixtures/02-orders.sql"))),
                good("seed: []", config -> config.seed().isEmpty()));
    }

    static Stream<Arguments> unknownSettings() {
        return Stream.of(
                bad("imgae: x", "imgae: is not a known setting. Did you mean \"image\"?"),
                bad("Image: x", "Image: is not a known setting. Did you mean \"image\"?"),
                bad("ports: 8080", "ports: is not a known setting. Did you mean \"port\"?"),
                bad("database: [postgres]", "database: is not a known setting. Did you mean \"databases\"?"),
                bad("auto_deploy: label", "auto_deploy: is not a known setting. Did you mean \"autoDeploy\"?"),
                bad("health-path: /", "health-path: is not a known setting. Did you mean \"healthPath\"?"),
                bad("slack_channel: \"#x\"", "slack_channel: is not a known setting. Did you mean \"slackChannel\"?"),
                bad("allowedOverride: []", "allowedOverride: is not a known setting. Did you mean \"allowedOverrides\"?"),
                bad("a: 1", "a: is not a known setting. " + KNOWN_SETTINGS),
                bad("environment: {}", "environment: is not a known setting. " + KNOWN_SETTINGS),
                bad("\"has space\": 1", "\"has space\": is not a known setting. " + KNOWN_SETTINGS),
                bad("on: push", "on: is not a known setting. " + KNOWN_SETTINGS),
                bad("\"\u202Eevil\": 1", "\"\uFFFDevil\": is not a known setting. " + KNOWN_SETTINGS));
    }

    /** What YAML itself can say that JSON cannot, and the file-level limits. */
    static Stream<Arguments> yamlTypes() {
        return Stream.of(
                arguments("image: !custom ghcr.io/acme/shop",
                        List.of("image: is tagged \"!custom\", which runbot does not read. Write a plain value.")),
                bad("env: !!set { A, B }", "env: is tagged \"!!set\", which runbot does not read. Write a plain value."),
                bad("a: &a [*a]", "a: is not a known setting. " + KNOWN_SETTINGS,
                        "a[0]: refers to itself through an alias. Write the value out."),
                bad("env: &e { A: 1, <<: *e }", "env: refers to itself through an alias. Write the value out."),
                bad("env: { <<: [a] }", "env: merges (<<) something that is not a mapping. Merge a mapping, e.g. <<: *defaults."),
                bad("image: ghcr.io/acme/other", "image: is set twice, on lines 1 and 2. Keep one."),
                bad("? [a, b]\n: c", ".preview.yaml has a key that is a list or a mapping. Keys are plain names."),
                bad("env: { ? [a] : b }", "env: has a key that is a list or a mapping. Keys are plain names."));
    }

    // -- text that is not a usable file -------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("unreadable")
    void textThatIsNotASettingsMappingGetsOneProblemSayingWhere(String yaml, String expected) {
        PreviewConfigResult.Invalid invalid = invalid(yaml);

        assertThat(invalid.problems()).hasSize(1);
        assertThat(invalid.text()).isEqualTo(expected);
    }

    static Stream<Arguments> unreadable() {
        String empty = ".preview.yaml is empty. It needs at least the image repository, e.g. image: ghcr.io/acme/shop.";
        String notYaml = ".preview.yaml is not valid YAML: ";
        return Stream.of(
                arguments("", empty),
                arguments("\n\n   \n", empty),
                arguments("# nothing but a comment\n", empty),
                arguments("~", empty),
                arguments("---\n...\n", empty),
                arguments("- image: ghcr.io/acme/shop", "line 1, column 1: .preview.yaml must be a mapping of settings,"
                        + " not a list. Start with e.g. image: ghcr.io/acme/shop."),
                arguments("ghcr.io/acme/shop", "line 1, column 1: .preview.yaml must be a mapping of settings,"
                        + " not a single value. Start with e.g. image: ghcr.io/acme/shop."),
                arguments("image: x\n\tport: 8080", "line 2, column 1: " + notYaml
                        + "a tab where YAML allows only spaces. Indent with spaces."),
                arguments("image:\n\t- x", "line 2, column 1: " + notYaml + "a tab where YAML allows only spaces. Indent with spaces."),
                arguments("image: ghcr.io/acme/shop\nslackChannel: \"#shop\nport: 8080\n", "line 2, column 15: " + notYaml
                        + "a quoted value starts here and is never closed. Add the closing quote."),
                arguments("image: 'ghcr.io/acme/shop\n", "line 1, column 8: " + notYaml
                        + "a quoted value starts here and is never closed. Add the closing quote."),
                arguments("databases: [postgres, redis\n", "line 1, column 12: " + notYaml
                        + "a list starts here with [ and is never closed. Add the ]."),
                arguments("env: { A: b\n", "line 1, column 6: " + notYaml
                        + "a mapping starts here with { and is never closed. Add the }."),
                arguments("image: ghcr.io: acme", "line 1, column 15: " + notYaml + "a \": \" where no setting can start."
                        + " Check the indentation, or put a value that contains \": \" in quotes."),
                arguments("image: x\n  port: 1\n bad: 2\n", "line 2, column 7: " + notYaml + "a \": \" where no setting"
                        + " can start. Check the indentation, or put a value that contains \": \" in quotes."),
                arguments("image: x\nport\ntag: y\n", "line 2, column 1: " + notYaml
                        + "a line without \":\" among settings. Write each setting as name: value."),
                arguments("- a\nb: c\n", "line 2, column 1: " + notYaml + "a line indented differently from the lines"
                        + " around it. Line up settings of the same level."),
                arguments("image: @acme/shop", "line 1, column 8: " + notYaml + "a value cannot start with \"@\". Put the"
                        + " value in quotes."),
                arguments("image: `shop`", "line 1, column 8: " + notYaml + "a value cannot start with \"`\". Put the"
                        + " value in quotes."),
                arguments("image: *nope", "line 1, column 8: " + notYaml + "the alias \"*nope\" refers to no anchor."
                        + " Define \"&nope\" before it, or write the value out."),
                arguments("image: a\n---\nimage: b\n", "line 2, column 1: " + notYaml + "it holds more than one document."
                        + " Keep one, without a second ---."),
                arguments("label: \"\\q\"", "line 1, column 10: " + notYaml + "found unknown escape character q(113)."),
                arguments("image: !!python/object/apply:os.system [\"rm -rf /\"]", "line 1, column 8: .preview.yaml uses"
                        + " the tag \"!!python/object/apply:os.system\", which runbot does not read. Write plain values."),
                arguments("image: !!java.net.URL [\"http://x\"]", "line 1, column 8: .preview.yaml uses the tag"
                        + " \"!!java.net.URL\", which runbot does not read. Write plain values."),
                arguments("image: x\nlabel: \"a\u0007b\"", "line 2, column 10: .preview.yaml contains the control"
                        + " character U+0007. Remove it."),
                arguments("image: x\r\nlabel: a\u0000", "line 2, column 9: .preview.yaml contains the control character"
                        + " U+0000. Remove it."),
                arguments("[".repeat(1_000), ".preview.yaml nests lists and mappings more than 20 deep; settings need"
                        + " at most 2."),
                arguments("a:\n" + nestedMappings(30), ".preview.yaml nests lists and mappings more than 20 deep;"
                        + " settings need at most 2."));
    }

    @Test
    void aBillionLaughsStopsAtTheAliasLimit() {
        assertThat(invalid(fixture("billion-laughs.preview.yaml")).text())
                .isEqualTo(".preview.yaml repeats lists or mappings through aliases more than 20 times. Write the settings out.");
    }

    @Test
    void fewAliasesThatExpandToTooMuchStopAtTheValueLimit() {
        assertThat(invalid(fixture("few-aliases-many-values.preview.yaml")).text())
                .isEqualTo(".preview.yaml expands to more than 40000 values through its aliases. Write the settings out.");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() {
        String huge = IMAGE + "# " + "x".repeat(1024 * 1024) + "\n";

        assertThat(invalid(huge).text()).isEqualTo(".preview.yaml is " + huge.length()
                + " characters long; runbot reads files of up to 65536.");
    }

    @Test
    void aFileJustUnderTheLimitIsRead() {
        String padded = IMAGE + "# " + "x".repeat(YamlDocument.MAX_CHARACTERS - IMAGE.length() - 3) + "\n";

        assertThat(padded).hasSize(YamlDocument.MAX_CHARACTERS);
        assertThat(parse(padded)).isInstanceOf(PreviewConfigResult.Valid.class);
    }

    @Test
    void theMostValuesAFileWithoutAliasesCanHoldAreRead() {
        String zeros = "port: [" + "0,".repeat(32_000) + "]\n";

        assertThat(invalid(IMAGE + zeros).text()).isEqualTo(
                "line 2, column 7: " + PORT_KIND);
    }

    @Test
    void pastTwentyProblemsTheRestAreCounted() {
        StringBuilder env = new StringBuilder("env:\n");
        for (int i = 0; i < 25; i++) {
            env.append("  VAR-").append(i).append(": x\n");
        }

        List<ConfigProblem> problems = invalid(IMAGE + env).problems();

        assertThat(problems).hasSize(21);
        assertThat(problems.get(19).describe()).startsWith("line 22, column 3: env: \"VAR-19\" is not an environment");
        assertThat(problems.get(20).text()).isEqualTo(".preview.yaml has 5 more problems; these are the first 20.");
    }

    @Test
    void manyValuesThatAreNotAliasesAreWithinTheLimits() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 9_000; i++) {
            keys.append(i == 0 ? "" : ",").append("k").append(i);
        }

        assertThat(invalid(IMAGE + "allowedOverrides: [" + keys + "]").text())
                .isEqualTo("line 2, column 19: allowedOverrides: has 9000 entries; at most 50 are allowed.");
    }

    @Test
    void nullTextReadsAsAnEmptyFile() {
        assertThat(invalid(null).text()).startsWith(".preview.yaml is empty.");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstSetting() {
        assertThat(parse("\uFEFFimage: ghcr.io/acme/shop\n")).isInstanceOf(PreviewConfigResult.Valid.class);
    }

    @Test
    void windowsLineEndingsAreFine() {
        assertThat(valid("image: ghcr.io/acme/shop\r\nport: 9000\r\n").port()).isEqualTo(9000);
    }

    // -- the schema ---------------------------------------------------------------------------------

    @Test
    void theSchemaShipsInTheJarAndIsAValidSchema() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PreviewConfigSchema.RESOURCE)) {
            assertThat(in).as("the schema on the classpath").isNotNull();
            JsonNode schema = new ObjectMapper().readTree(in);
            var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(java.net.URI.create("https://json-schema.org/draft/2020-12/schema"));

            assertThat(metaSchema.validate(schema)).isEmpty();
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(schema.path("required")).containsExactly(new ObjectMapper().valueToTree("image"));
        }
    }

    @Test
    void theSchemaAndTheModelAgreeOnEveryChoice() {
        PreviewConfigSchema schema = PreviewConfigSchema.get();

        assertThat(schema.choices("/properties/databases/items"))
                .containsExactlyElementsOf(Arrays.stream(Database.values()).map(Database::key).toList());
        assertThat(schema.choices("/properties/autoDeploy"))
                .containsExactlyElementsOf(names(AutoDeploy.values()));
        assertThat(schema.choices("/properties/urlSuffix"))
                .containsExactlyElementsOf(names(UrlSuffix.values()));
        assertThat(PreviewConfigSchema.propertyNames(schema.at("")))
                .containsExactlyInAnyOrder(Arrays.stream(PreviewConfig.class.getRecordComponents())
                        .map(component -> component.getName()).toArray(String[]::new));
    }

    @Test
    void theSchemaDefaultsAreTheModelDefaults() {
        PreviewConfigSchema schema = PreviewConfigSchema.get();
        PreviewConfig defaults = PreviewConfig.defaults(SHOP);

        assertThat(schema.at("/properties/tag/default").asText()).isEqualTo(defaults.tag());
        assertThat(schema.at("/properties/fallbackTag/default").asText()).isEqualTo(defaults.fallbackTag().orElseThrow());
        assertThat(schema.at("/properties/port/default").asInt()).isEqualTo(defaults.port());
        assertThat(schema.at("/properties/healthPath/default").asText()).isEqualTo(defaults.healthPath());
        assertThat(schema.at("/properties/autoDeploy/default").asText()).isEqualTo(key(defaults.autoDeploy()));
        assertThat(schema.at("/properties/label/default").asText()).isEqualTo(defaults.label());
        assertThat(schema.at("/properties/resources/properties/cpu/default").asText()).isEqualTo(defaults.resources().cpu());
        assertThat(schema.at("/properties/resources/properties/memory/default").asText()).isEqualTo(defaults.resources().memory());
        assertThat(schema.at("/properties/urlSuffix/default").asText()).isEqualTo(key(defaults.urlSuffix()));
    }

    @Test
    void oneParserServesManyThreadsAtOnce() throws Exception {
        String good = fixture("environment-md-example.preview.yaml");
        String bad = fixture("many-problems.preview.yaml");
        PreviewConfigResult goodResult = parse(good);
        PreviewConfigResult badResult = parse(bad);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean even = i % 2 == 0;
                runs.add(pool.submit(() -> even ? parse(good).equals(goodResult) : parse(bad).equals(badResult)));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // -- helpers ------------------------------------------------------------------------------------

    /** A row whose settings, under the image, give exactly {@code expected}. */
    private static Arguments bad(String settings, String... expected) {
        return arguments(IMAGE + settings, List.of(expected));
    }

    /** A row whose settings, under the image, are valid and read as {@code check} expects. */
    private static Arguments good(String settings, Predicate<PreviewConfig> check) {
        String yaml = IMAGE + settings;
        PreviewConfigResult result = parse(yaml);
        boolean ok = result instanceof PreviewConfigResult.Valid valid && check.test(valid.config());
        return arguments(yaml, ok ? List.of() : List.of("not as expected: " + result));
    }

    private static List<String> texts(PreviewConfigResult result) {
        return result instanceof PreviewConfigResult.Invalid invalid
                ? invalid.problems().stream().map(ConfigProblem::text).toList()
                : List.of();
    }

    private static PreviewConfigResult parse(String yaml) {
        return PreviewConfigParser.parse(yaml, SHOP);
    }

    private static PreviewConfig valid(String yaml) {
        PreviewConfigResult result = parse(yaml);
        assertThat(result).isInstanceOf(PreviewConfigResult.Valid.class);
        return ((PreviewConfigResult.Valid) result).config();
    }

    private static PreviewConfigResult.Invalid invalid(String yaml) {
        PreviewConfigResult result = parse(yaml);
        assertThat(result).isInstanceOf(PreviewConfigResult.Invalid.class);
        return (PreviewConfigResult.Invalid) result;
    }

    private static String fixture(String name) {
        String path = "dev/runbot/provisioner/config/PreviewConfigParserTest/" + name;
        try (InputStream in = PreviewConfigParserTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String variables(int count) {
        StringBuilder env = new StringBuilder();
        for (int i = 0; i < count; i++) {
            env.append("  V").append(i).append(": x\n");
        }
        return env.toString();
    }

    private static String nestedMappings(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.toString();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(PreviewConfigParserTest::key).toList();
    }

    private static String key(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
