package dev.runbot.bot.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runbot.provisioner.DirectoryTrees;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The REST API through the real HTTP server on a random port, with runbot's embedded defaults
 * (H2 file and dry-run cluster in a fresh data directory) and the token it generated itself.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandApiTest implements TestPropertyProvider {

    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    static {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    }

    final Path dataDir = temporaryDirectory();

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject JdbcOperations jdbc;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("runbot.data-dir", dataDir.toString());
    }

    @BeforeEach
    void freshDatabase() throws IOException {
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM audit_entry");
                statement.executeUpdate("DELETE FROM environment");
            }
            return null;
        });
        DirectoryTrees.delete(dataDir.resolve("rendered"));
        api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
    }

    @Test
    void upAnswersWithStateUrlAndGrafanaLinksAndRendersTheManifest() throws IOException {
        ApiClient.Answer answer = api.command("/preview up", "acme/shop", 42);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("outcome")).isEqualTo("DONE");
        assertThat(answer.get("title")).isEqualTo("acme/shop#42 is ready (dry-run)");
        assertThat(answer.get("state")).isEqualTo("ready");
        assertThat(answer.get("text")).asString().contains("Dry-run: no cluster is configured, so nothing was applied.");
        assertThat(fields(answer)).containsEntry("URL", "https://shop-pr-42.preview.test")
                .containsEntry("State", "ready (dry-run)").containsEntry("Pinned", "no");
        assertThat(links(answer)).containsEntry("PREVIEW", "https://shop-pr-42.preview.test")
                .containsEntry("METRICS", "https://grafana.example.test/d/runbot-env?var-namespace=shop-pr-42");
        assertThat(links(answer).get("LOGS")).startsWith("https://grafana.example.test/explore?orgId=1&left=")
                .contains("%7Bnamespace%3D%5C%22shop-pr-42%5C%22%7D");
        assertThat(actions(answer)).containsExactly("Extend 24h", "Pin 48h", "Down");
        Path manifest = dataDir.resolve("rendered/shop-pr-42/manifest.yaml");
        assertThat(Files.readString(manifest)).contains("host: \"shop-pr-42.preview.test\"");
    }

    @Test
    void aPinLongerThan48HoursIsRefusedWithTheLimit() {
        api.command("/preview up", "acme/shop", 42);

        ApiClient.Answer answer = api.command("/preview pin 72h", "acme/shop", 42);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.get("title")).isEqualTo("A pin can last at most 48h.");
        assertThat(fields(api.command("/preview status", "acme/shop", 42))).containsEntry("Pinned", "no");
    }

    @Test
    void aFourthPinIsRefusedNamingTheThreePinned() {
        for (int number : new int[] {1, 7, 42}) {
            api.command("/preview up", "acme/shop", number);
        }
        api.command("/preview up", "acme/api", 2);
        api.command("/preview pin 1h", "acme/shop", 1);
        api.command("/preview pin 2h", "acme/shop", 7);
        api.command("/preview pin 3h", "acme/api", 2);

        ApiClient.Answer answer = api.command("/preview pin", "acme/shop", 42);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.get("title")).isEqualTo("3 environments are already pinned: acme/shop#1, acme/shop#7, acme/api#2.");
    }

    @Test
    void downDestroysTheEnvironmentAndItsManifest() {
        api.command("/preview up", "acme/shop", 42);

        ApiClient.Answer answer = api.command("/preview down", "acme/shop", 42);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("title")).isEqualTo("acme/shop#42 is destroyed");
        assertThat(dataDir.resolve("rendered/shop-pr-42")).doesNotExist();
        assertThat(api.command("/preview status", "acme/shop", 42).status()).isEqualTo(404);
        assertThat((List<?>) api.get("/api/v1/environments").body()).isEmpty();
    }

    static Stream<Arguments> badCommands() {
        return Stream.of(
                Arguments.of("/preview dwon", 422, "Unknown command \"dwon\". Did you mean \"down\"? Try /preview help."),
                Arguments.of("/preview extend 3x", 422, "\"3x\" is not a duration. Use 90m, 12h, 2d or 1d12h."),
                Arguments.of("/preview up --ttl 8d", 409, "A TTL can last at most 7d."),
                Arguments.of("/preview up --set replicas=3", 409, "acme/shop allows no --set overrides. List the keys"
                        + " people may set under allowedOverrides in .preview.yaml."),
                Arguments.of("/preview status", 404,
                        "There is no preview environment for acme/shop#42. Use \"/preview up\" to create one."),
                Arguments.of("/preview down", 404,
                        "There is no preview environment for acme/shop#42. Use \"/preview up\" to create one."));
    }

    @ParameterizedTest
    @MethodSource("badCommands")
    void badCommandsGetAClearAnswerAndChangeNothing(String text, int status, String message) {
        ApiClient.Answer answer = api.command(text, "acme/shop", 42);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.get("title")).isEqualTo(message);
        assertNothingStored();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"text\": \"/preview up\", ", 400, "The body is not a JSON command. Send {\"text\":"
                        + " \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": 42}."),
                Arguments.of("[1, 2]", 400, "The body is not a JSON command. Send {\"text\": \"/preview up\","
                        + " \"repository\": \"acme/shop\", \"pullRequest\": 42}."),
                Arguments.of("{\"repository\": \"acme/shop\", \"pullRequest\": 42}", 400,
                        "\"text\" is required: the command to run, e.g. \"/preview up\"."),
                Arguments.of("{\"text\": \"/preview up\", \"repository\": \"acme/shop\"}", 400, "\"repository\" and"
                        + " \"pullRequest\" go together: send both, e.g. {\"repository\": \"acme/shop\","
                        + " \"pullRequest\": 42}, or neither."),
                Arguments.of("{\"text\": \"/preview up\", \"repository\": \"../etc\", \"pullRequest\": 1}", 422,
                        "\"../etc\" is not a repository. Use owner/name, e.g. acme/shop."),
                Arguments.of("{\"text\": \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": 0}", 422,
                        "\"pullRequest\" must be a pull request number (1 or more), not 0."),
                Arguments.of("{\"text\": \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": \"x\"}", 400,
                        "The body is not a JSON command. Send {\"text\": \"/preview up\", \"repository\":"
                                + " \"acme/shop\", \"pullRequest\": 42}."),
                Arguments.of("{\"text\": \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": 4,"
                        + " \"headSha\": \"$(rm -rf /)\"}", 422,
                        "\"$(rm -rf /)\" is not a commit sha. Use 7 to 64 hex digits, or leave \"headSha\" out."),
                Arguments.of("{\"text\": \"/preview up\"}", 422, "Which pull request? Use /preview up owner/repo#123."));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void malformedOrIncompleteBodiesAreRefusedAndChangeNothing(String body, int status, String message) {
        ApiClient.Answer answer = api.post("/api/v1/commands", body);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.get("outcome")).isEqualTo("INVALID");
        assertThat(answer.get("title")).isEqualTo(message);
        assertNothingStored();
    }

    @Test
    void aBodyOver64KibIsRefusedWith413AndTheServiceKeepsServing() {
        String padding = "x".repeat(70 * 1024);
        ApiClient.Answer answer = api.post("/api/v1/commands", "{\"text\": \"/preview up " + padding
                + "\", \"repository\": \"acme/shop\", \"pullRequest\": 42}");

        assertThat(answer.status()).isEqualTo(413);
        assertNothingStored();
        assertThat(api.command("/preview up", "acme/shop", 42).status()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401BeforeAnythingRuns() {
        ApiClient.Answer missing = api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/commands"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\": \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": 42}")));
        ApiClient.Answer wrong = new ApiClient(api.base(), json, "not-the-token-at-all").command("/preview up",
                "acme/shop", 42);
        ApiClient.Answer listing = new ApiClient(api.base(), json, "not-the-token-at-all").get("/api/v1/environments");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.get("title")).asString().startsWith("The request has no API token.");
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"runbot\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("title")).asString().startsWith("The API token is wrong.");
        assertThat(listing.status()).isEqualTo(401);
        assertNothingStored();
    }

    @Test
    void theGeneratedTokenIsReadableByItsOwnerOnlyAndNeverLogged() throws IOException {
        Path tokenFile = dataDir.resolve("api-token");
        String token = Files.readString(tokenFile).strip();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        api.command("/preview up", "acme/shop", 42);
        assertThat(LOGS.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains(tokenFile.toString()))
                .noneMatch(line -> line.contains(token));
    }

    @Test
    void environmentsAreListedAndShownWithTheirHistory() {
        api.command("/preview up", "acme/shop", 42);
        api.command("/preview pin 2h", "acme/shop", 42);
        api.command("/preview up", "acme/api", 3);

        List<?> list = (List<?>) api.get("/api/v1/environments").body();
        ApiClient.Answer shown = api.get("/api/v1/environments/shop-pr-42");

        assertThat(list.stream().map(item -> ((Map<?, ?>) item).get("name")).map(String::valueOf).toList())
                .containsExactly("api-pr-3", "shop-pr-42");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.object()).containsEntry("repository", "acme/shop").containsEntry("pullRequest", 42)
                .containsEntry("state", "ready").containsEntry("dryRun", true)
                .containsEntry("url", "https://shop-pr-42.preview.test").containsEntry("requestedBy", "api")
                .containsEntry("metricsUrl", "https://grafana.example.test/d/runbot-env?var-namespace=shop-pr-42");
        assertThat(shown.get("pinnedUntil")).isNotNull();
        assertThat(((List<?>) shown.get("history")).stream().map(entry -> ((Map<?, ?>) entry).get("action")).map(String::valueOf).toList())
                .containsExactly("created", "ready", "pinned");
    }

    @Test
    void anUnknownEnvironmentNameIs404WithAHint() {
        ApiClient.Answer answer = api.get("/api/v1/environments/nope-pr-1");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.get("title"))
                .isEqualTo("There is no environment named \"nope-pr-1\". GET /api/v1/environments lists the live ones.");
    }

    @Test
    void healthIsOpenWithoutAToken() {
        ApiClient.Answer health = api.send(HttpRequest.newBuilder(api.base().resolve("/health")).GET());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    private void assertNothingStored() {
        assertThat((List<?>) api.get("/api/v1/environments").body()).isEmpty();
        assertThat(dataDir.resolve("rendered/shop-pr-42")).doesNotExist();
    }

    private static Map<String, String> fields(ApiClient.Answer answer) {
        return pairs(answer, "fields", "label", "value");
    }

    private static Map<String, String> links(ApiClient.Answer answer) {
        return pairs(answer, "links", "kind", "url");
    }

    /** A list of objects in the answer as one map, e.g. fields as label → value. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> pairs(ApiClient.Answer answer, String list, String key, String value) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (Object item : (List<Object>) answer.get(list)) {
            Map<String, String> entry = (Map<String, String>) item;
            pairs.put(entry.get(key), entry.get(value));
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(ApiClient.Answer answer) {
        return ((List<Object>) answer.get("actions")).stream()
                .map(action -> ((Map<String, String>) action).get("label")).toList();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("runbot-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
