package dev.runbot.bot.logging;

import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.send;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.github.GitHubApi;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.GitHubWebhooks;
import dev.runbot.bot.github.WebhookSignature;
import dev.runbot.provisioner.outbox.Outbox;
import dev.runbot.provisioner.reconcile.Leadership;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every line runbot logs for one signed webhook, on the request thread that takes it and on the
 * worker that runs its command, read back through logback's JSON encoder: each names the
 * repository, the pull request and GitHub's delivery id, and the next piece of work on the same
 * worker thread carries its own and nothing of the last. No secret is in any line.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructuredLogsTest implements TestPropertyProvider {

    static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    static final String WORKER = "runbot-inbound-work";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dataDir = TestDirectories.temporary("runbot-logs-test");
    final JsonLines log = new JsonLines();
    MockCluster cluster;
    GitHubApi github;

    @Inject Leadership leadership;
    @Inject EmbeddedServer server;
    @Inject Outbox outbox;
    /** Made before the log is read: its first use would otherwise say where GitHub is on the worker's thread. */
    @Inject PullRequestHost host;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        github = new GitHubApi();
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "runbot.github.token", TOKEN,
                "runbot.github.api-url", github.url(),
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET));
    }

    @AfterAll
    void stop() {
        log.stop();
        github.close();
        leadership.close();
        cluster.close();
    }

    @Test
    void everyLineOfAWebhooksWorkNamesItsRepositoryPullRequestAndDeliveryAndNothingLeaksToTheNext() {
        github.standard();
        github.pullRequest(77, SHA, false);
        await("the outbox to drain", () -> outbox.pending() == 0);
        log.start();

        byte[] up = GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(77, "/preview up", "octocat"));
        HttpResponse<String> answer = send(GitHubWebhooks.delivery(server.getURI().resolve("/webhooks/github"),
                "issue_comment", "delivery-logs-77", up));
        assertThat(answer.statusCode()).isEqualTo(202);
        awaitNamespace(cluster.client(), "shop-pr-77");
        await("the command's work and its messages to be done", () -> outbox.pending() == 0);
        int firstWorkEnds = log.lines.size();
        send(GitHubWebhooks.delivery(server.getURI().resolve("/webhooks/github"), "issue_comment",
                "delivery-logs-78", GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(78, "/preview status", "octocat"))));
        await("the second command's work to be done", () -> outbox.pending() == 0
                && log.lines.stream().anyMatch(line -> line.contains("delivery-logs-78") && line.contains(WORKER)));

        List<JsonNode> lines = log.lines.stream().map(StructuredLogsTest::parse).toList();
        List<JsonNode> first = lines.subList(0, firstWorkEnds);
        List<JsonNode> second = lines.subList(firstWorkEnds, lines.size());
        String requestThread = threadOf(first, "GitHub delivery \"delivery-logs-77\": queued");
        List<JsonNode> firstWork = runbots(first, requestThread, WORKER);
        assertThat(firstWork).as("the request's lines and the worker's")
                .anyMatch(line -> line.get("threadName").asText().equals(requestThread))
                .anyMatch(line -> line.get("threadName").asText().equals(WORKER));
        assertThat(firstWork).allSatisfy(line -> assertThat(mdc(line)).as(line.toString())
                .containsEntry("repository", "acme/shop").containsEntry("pull_request", "77")
                .containsEntry("delivery", "delivery-logs-77"));
        assertThat(firstWork).as("the reconciler's step names the environment")
                .anyMatch(line -> "shop-pr-77".equals(mdc(line).get("environment")));

        List<JsonNode> secondWork = runbots(second, threadOf(second, "GitHub delivery \"delivery-logs-78\": queued"),
                WORKER);
        assertThat(secondWork).anyMatch(line -> line.get("threadName").asText().equals(WORKER));
        assertThat(secondWork).allSatisfy(line -> assertThat(mdc(line)).as(line.toString())
                .containsEntry("pull_request", "78").containsEntry("delivery", "delivery-logs-78")
                .doesNotContainKey("environment"));

        String signature = new WebhookSignature(GitHubWebhooks.SECRET).header(up);
        assertThat(log.lines).noneMatch(line -> line.contains(TOKEN) || line.contains(GitHubWebhooks.SECRET)
                || line.contains(signature.substring("sha256=".length())));
    }

    @Test
    void whatThePeriodicWorkAnnouncesNamesTheEnvironmentItIsAbout() {
        github.standard();
        github.pullRequest(79, SHA, false);
        await("this replica to lead", leadership::leading);
        send(GitHubWebhooks.delivery(server.getURI().resolve("/webhooks/github"), "issue_comment", "delivery-logs-79",
                GitHubWebhooks.bytes(GitHubWebhooks.commentOnShop(79, "/preview up", "octocat"))));
        awaitNamespace(cluster.client(), "shop-pr-79");
        log.start();

        EndToEnd.markAvailable(cluster.client(), "shop-pr-79");
        await("the readiness poll to announce shop-pr-79 ready", () -> !readyAnnouncements().isEmpty());

        List<JsonNode> announced = readyAnnouncements();
        assertThat(announced).allSatisfy(line -> assertThat(mdc(line)).as(line.toString())
                .containsEntry("environment", "shop-pr-79").containsEntry("repository", "acme/shop")
                .containsEntry("pull_request", "79"));
        assertThat(announced).noneMatch(line -> line.get("threadName").asText().equals(WORKER));
    }

    private List<JsonNode> readyAnnouncements() {
        return log.lines.stream().map(StructuredLogsTest::parse)
                .filter(line -> line.get("loggerName").asText().equals("runbot.notifications"))
                .filter(line -> line.get("formattedMessage").asText().startsWith("acme/shop#79 ready")).toList();
    }

    /** The thread that logged the first line saying {@code message}. */
    private static String threadOf(List<JsonNode> lines, String message) {
        return lines.stream().filter(line -> line.get("formattedMessage").asText().startsWith(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no line says " + message)).get("threadName").asText();
    }

    /** runbot's own lines on the given threads. */
    private static List<JsonNode> runbots(List<JsonNode> lines, String... threads) {
        List<String> wanted = List.of(threads);
        return lines.stream().filter(line -> line.get("loggerName").asText().startsWith("dev.runbot."))
                .filter(line -> wanted.contains(line.get("threadName").asText())).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> mdc(JsonNode line) {
        return line.has("mdc") ? JSON.convertValue(line.get("mdc"), Map.class) : Map.of();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }

    /**
     * Every event logged while started, written as runbot's JSON log writes it (runbot-log-json.xml),
     * with runbot's debug lines too, so the reconciler's and the clients' steps are read as well. The
     * outbox's own lines stay at INFO: they are about message N ({@code delivery: outbox:N}) around
     * the work, not in it, and say nothing below WARN in a run that goes well.
     */
    static final class JsonLines extends AppenderBase<ILoggingEvent> {

        final List<String> lines = new CopyOnWriteArrayList<>();
        private final JsonEncoder encoder = new JsonEncoder();

        @Override
        public void start() {
            if (isStarted()) {
                return;
            }
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger("dev.runbot").setLevel(Level.DEBUG);
            context.getLogger("dev.runbot.provisioner.outbox").setLevel(Level.INFO);
            context.getLogger("dev.runbot.bot.outbox").setLevel(Level.INFO);
            setContext(context);
            encoder.setContext(context);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(true);
            encoder.start();
            super.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        }

        @Override
        public void stop() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
            for (String name : List.of("dev.runbot", "dev.runbot.provisioner.outbox", "dev.runbot.bot.outbox")) {
                context.getLogger(name).setLevel(null);
            }
            super.stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
            if (line.contains("\n")) {
                throw new AssertionError("more than one line for one event: " + line);
            }
            lines.add(line);
        }
    }
}
