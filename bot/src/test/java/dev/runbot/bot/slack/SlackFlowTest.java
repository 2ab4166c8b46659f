package dev.runbot.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.runbot.bot.EndToEnd.await;
import static dev.runbot.bot.EndToEnd.awaitNamespace;
import static dev.runbot.bot.EndToEnd.markAvailable;
import static dev.runbot.bot.EndToEnd.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.app_backend.SlackSignature.Generator;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.cluster.MockCluster;
import dev.runbot.bot.reconcile.ReconcileLoop;
import dev.runbot.provisioner.lifecycle.Deadlines;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.outbox.Outbox;
import dev.runbot.provisioner.reconcile.Leadership;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole Slack path: slash commands and button presses signed as Slack signs them into the
 * running application, Slack's Web API and response_urls played by WireMock, environments applied
 * to fabric8's Kubernetes API server. Each test has its own pull request of acme/shop.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackFlowTest implements TestPropertyProvider {

    private static final String OCTOCAT = "U0OCTOCAT";
    private static final String OTHER_CHANNEL = "C0RANDOM1";

    final Path dataDir = TestDirectories.temporary("runbot-slack-test");
    MockCluster cluster;
    SlackApi slack;

    /** Closed before the cluster, so the Lease is released while the cluster still answers, as on a real shutdown. */
    @Inject Leadership leadership;
    @Inject EmbeddedServer server;
    @Inject Outbox outbox;
    @Inject Deadlines deadlines;
    @Inject ApplicationEventPublisher<EnvironmentEvent> events;
    @Inject App app;
    @Inject ReconcileLoop reconcileLoop;

    KubernetesClient kube;

    @Override
    public Map<String, String> getProperties() {
        cluster = new MockCluster(dataDir);
        slack = new SlackApi();
        return EndToEnd.applicationProperties(dataDir, cluster, Map.of(
                "runbot.test.preview-configs", "true",
                "runbot.slack.bot-token", SlackApi.TOKEN,
                "runbot.slack.signing-secret", SlackDeliveries.SIGNING_SECRET,
                "runbot.slack.api-url", slack.apiUrl(),
                "runbot.slack.default-channel", SlackApi.CHANNEL,
                "runbot.slack.channel-repositories.C0PREVIEW", "acme/shop",
                "runbot.slack.allowed-users.down", OCTOCAT + ",S0QATEAM1",
                "runbot.reconcile.orphan-grace", "0s"));
    }

    @BeforeEach
    void reset() {
        // What an earlier test queued is sent before this one starts, so no test sees another's calls.
        await("the outbox to drain", () -> outbox.pending() == 0);
        slack.standard();
        kube = cluster.client();
    }

    @AfterAll
    void stop() {
        slack.close();
        leadership.close();
        cluster.close();
    }

    @Test
    void aSlashCommandUpIsAcknowledgedAtOnceDeploysAndKeepsOneMessageWithAThread() {
        HttpResponse<String> ack = slash("up acme/shop#42", OCTOCAT, SlackApi.CHANNEL, "trigger-42");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("\"response_type\":\"ephemeral\"").contains("up acme/shop#42");
        awaitNamespace(kube, "shop-pr-42");
        await("the answer", () -> answers("trigger-42").size() == 1);
        assertThat(text(answers("trigger-42").get(0))).contains("acme/shop#42");
        markAvailable(kube, "shop-pr-42");
        await("the message to say ready", () -> requests(postRequestedFor(urlPathEqualTo("/api/chat.update")))
                .stream().anyMatch(request -> SlackApi.form(request, "text").contains("is ready")));
        await("a thread reply saying ready", () -> threadReplies().stream()
                .anyMatch(request -> SlackApi.form(request, "text").contains("Ready")));

        assertThat(channelMessages()).as("one message per environment, then updates").hasSize(1);
        assertThat(SlackApi.form(channelMessages().get(0), "channel")).isEqualTo(SlackApi.CHANNEL);
        assertThat(threadReplies()).allMatch(reply -> SlackApi.form(reply, "thread_ts").equals("1763800000.000100"));
        assertThat(threadReplies()).anyMatch(reply -> SlackApi.form(reply, "text").contains("Created"));
        assertThat(answers("trigger-42")).hasSize(1);
        slack.server.verify(0, postRequestedFor(urlPathMatching("/.*")).withRequestBody(containing(SlackApi.TOKEN)));
    }

    @Test
    void theMessageHasItsButtonsAndNoSecretIsInAnythingSentToSlack() {
        slash("up acme/shop-db#60", OCTOCAT, SlackApi.CHANNEL, "trigger-60");
        String password = EndToEnd.databasePassword(kube, "shop-db-pr-60", "postgres");
        markAvailable(kube, "shop-db-pr-60");
        await("the message to say ready", () -> requests(postRequestedFor(urlPathEqualTo("/api/chat.update")))
                .stream().anyMatch(request -> SlackApi.form(request, "text").contains("acme/shop-db#60 is ready")));

        LoggedRequest ready = requests(postRequestedFor(urlPathEqualTo("/api/chat.update"))).stream()
                .filter(request -> SlackApi.form(request, "text").contains("acme/shop-db#60 is ready")).findFirst().orElseThrow();
        assertThat(SlackApi.form(ready, "blocks")).contains("\"runbot:open:preview\"", "https://shop-db-pr-60.preview.test",
                "\"runbot:open:logs\"", "https://grafana.example.com/", "\"runbot:open:metrics\"",
                "\"extend 24h acme/shop-db#60\"", "\"pin 48h acme/shop-db#60\"", "\"down acme/shop-db#60\"",
                "\"confirm\"");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(slack.server.getAllServeEvents()).extracting(event -> event.getRequest().getBodyAsString())
                .noneMatch(body -> body.contains(password) || URLDecoder.decode(body, StandardCharsets.UTF_8)
                        .contains(password));
    }

    @Test
    void anEnvironmentAboutToExpireSaysSoInItsThread() {
        slash("up acme/shop#58 --ttl 30m", OCTOCAT, SlackApi.CHANNEL, "trigger-58");
        awaitNamespace(kube, "shop-pr-58");

        deadlines.apply().forEach(events::publishEvent);

        await("the warning in the thread", () -> threadReplies().stream()
                .anyMatch(reply -> SlackApi.form(reply, "text").contains("Expires at")
                        && SlackApi.form(reply, "text").contains("press Extend")));
    }

    @Test
    void theDownButtonDestroysTheEnvironmentAndTheMessageSaysSo() {
        slash("up acme/shop#43", OCTOCAT, SlackApi.CHANNEL, "trigger-43");
        awaitNamespace(kube, "shop-pr-43");

        HttpResponse<String> pressed = press("runbot:down", "Down", "down acme/shop#43", "trigger-43-down");

        assertThat(pressed.statusCode()).isEqualTo(200);
        await("the namespace to go", () -> kube.namespaces().withName("shop-pr-43").get() == null);
        await("the message to say destroyed", () -> requests(postRequestedFor(urlPathEqualTo("/api/chat.update")))
                .stream().anyMatch(request -> SlackApi.form(request, "text").contains("acme/shop#43 is destroyed")));
        await("the answer to the press", () -> answers("trigger-43-down").size() == 1);
    }

    @Test
    void aRetryOfTheSameTriggerRunsNothingTwice() throws InterruptedException {
        slash("status acme/shop#50", OCTOCAT, SlackApi.CHANNEL, "trigger-50");
        await("the answer", () -> answers("trigger-50").size() == 1);

        HttpResponse<String> retry = send(SlackDeliveries.signed(events(), SlackDeliveries.slashCommand(
                "status acme/shop#50", OCTOCAT, "octocat", SlackApi.CHANNEL, "trigger-50",
                slack.responseUrl("trigger-50"))));

        assertThat(retry.statusCode()).isEqualTo(200);
        Thread.sleep(300); // a few pump ticks
        assertThat(answers("trigger-50")).hasSize(1);
    }

    @Test
    void unsignedWronglySignedAndStaleRequestsAreRefusedAndChangeNothing() {
        String body = SlackDeliveries.slashCommand("up acme/shop#51", OCTOCAT, "octocat", SlackApi.CHANNEL,
                "trigger-51", slack.responseUrl("trigger-51"));
        String now = Long.toString(Instant.now().getEpochSecond());
        String sixMinutesAgo = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        Generator slackSigns = new Generator(SlackDeliveries.SIGNING_SECRET);

        assertThat(send(raw(body, null, null)).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(send(raw(body, now, "v0=" + "0".repeat(64))).statusCode()).as("forged").isEqualTo(401);
        assertThat(send(raw(body, now, new Generator("another-apps-secret").generate(now, body))).statusCode())
                .as("another secret").isEqualTo(401);
        assertThat(send(raw(body, now, slackSigns.generate(now, body.replace("up+acme", "down+acme")))).statusCode())
                .as("signed for another body").isEqualTo(401);
        assertThat(send(raw(body, sixMinutesAgo, slackSigns.generate(sixMinutesAgo, body))).statusCode())
                .as("six minutes old").isEqualTo(401);

        // The genuine request is taken: none of the refused ones was queued before it.
        assertThat(send(SlackDeliveries.signed(events(), SlackDeliveries.slashCommand("status acme/shop#51", OCTOCAT,
                "octocat", SlackApi.CHANNEL, "trigger-51", slack.responseUrl("trigger-51")))).statusCode()).isEqualTo(200);
        await("the genuine answer", () -> answers("trigger-51").size() == 1);
        assertThat(text(answers("trigger-51").get(0))).contains("There is no preview environment for acme/shop#51");
        assertThat(kube.namespaces().withName("shop-pr-51").get()).isNull();
    }

    @Test
    void mistakesGetAClearAnswerAndChangeNothing() {
        slash("dwon acme/shop#52", OCTOCAT, SlackApi.CHANNEL, "trigger-52a");
        slash("up #52", OCTOCAT, OTHER_CHANNEL, "trigger-52b");
        slash("pin 72h acme/shop#52", OCTOCAT, SlackApi.CHANNEL, "trigger-52c");

        await("three answers", () -> answers("trigger-52a").size() == 1 && answers("trigger-52b").size() == 1
                && answers("trigger-52c").size() == 1);
        assertThat(text(answers("trigger-52a").get(0))).contains("Unknown command").contains("Did you mean");
        assertThat(text(answers("trigger-52b").get(0))).contains("Which pull request?");
        assertThat(text(answers("trigger-52c").get(0))).contains("A pin can last at most 48h.");
        assertThat(kube.namespaces().withName("shop-pr-52").get()).isNull();
    }

    @Test
    void aNumberAloneWorksInAChannelMappedToARepository() {
        slash("up #53", OCTOCAT, SlackApi.CHANNEL, "trigger-53");

        awaitNamespace(kube, "shop-pr-53");
    }

    @Test
    void aButtonOfAnEnvironmentThatIsGoneIsAnsweredNotObeyed() {
        press("runbot:extend", "Extend 24h", "extend 24h acme/shop#54", "trigger-54");

        await("the answer", () -> answers("trigger-54").size() == 1);
        assertThat(text(answers("trigger-54").get(0))).contains("There is no preview environment for acme/shop#54");
    }

    @Test
    void onlyTheAllowedPeopleMayPressDownAndGroupMembersAreAllowed() {
        slash("up acme/shop#55", OCTOCAT, SlackApi.CHANNEL, "trigger-55");
        awaitNamespace(kube, "shop-pr-55");

        send(SlackDeliveries.signed(events(), SlackDeliveries.slashCommand("down acme/shop#55", "U0STRANGE", "stranger",
                SlackApi.CHANNEL, "trigger-55-stranger", slack.responseUrl("trigger-55-stranger"))));
        await("the refusal", () -> answers("trigger-55-stranger").size() == 1);
        assertThat(text(answers("trigger-55-stranger").get(0))).contains("You may not run \\\"down\\\"");
        assertThat(kube.namespaces().withName("shop-pr-55").get()).isNotNull();

        send(SlackDeliveries.signed(events(), SlackDeliveries.slashCommand("down acme/shop#55", "U0QALEAD1", "qa-lead",
                SlackApi.CHANNEL, "trigger-55-qa", slack.responseUrl("trigger-55-qa"))));
        await("the namespace to go", () -> kube.namespaces().withName("shop-pr-55").get() == null);
    }

    @Test
    void whileSlackIsRateLimitingTheMessageWaitsAndArrivesOnce() {
        slack.method("chat.postMessage", aResponse().withStatus(429).withHeader("Retry-After", "1"));

        slash("up acme/shop#56", OCTOCAT, SlackApi.CHANNEL, "trigger-56");
        awaitNamespace(kube, "shop-pr-56");
        await("a refused post", () -> !channelMessages().isEmpty());
        slack.method("chat.postMessage", SlackApi.ok("chat.postMessage.json"));

        await("the message once Slack is back", () -> channelMessages().size() == 2);
        await("the answer", () -> answers("trigger-56").size() == 1);
        List<LoggedRequest> posts = channelMessages().stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
        assertThat(Duration.between(posts.get(0).getLoggedDate().toInstant(), posts.get(1).getLoggedDate().toInstant()))
                .as("the retry waited for Slack's Retry-After of 1s").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void anOrphanDeletedWhileSlackIsDownIsAnnouncedInTheDefaultChannelOnceItIsBack() {
        slack.method("chat.postMessage", aResponse().withStatus(503));
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("stray-pr-3")
                .addToLabels("app.kubernetes.io/managed-by", "runbot").addToLabels("runbot.dev/instance", "runbot")
                .addToLabels("runbot.dev/environment", "stray-pr-3")
                .endMetadata().build()).create();

        await("this replica leading", leadership::leading);
        reconcileLoop.pass();
        assertThat(kube.namespaces().withName("stray-pr-3").get()).isNull();
        await("a refused announcement", () -> !announcements().isEmpty());
        slack.method("chat.postMessage", SlackApi.ok("chat.postMessage.json"));

        await("the announcement once Slack is back", () -> outbox.pending() == 0);
        List<LoggedRequest> sent = announcements();
        assertThat(sent.size()).as("refused at least once, then delivered once").isGreaterThanOrEqualTo(2);
        assertThat(SlackApi.form(sent.get(sent.size() - 1), "channel")).isEqualTo(SlackApi.CHANNEL);
        assertThat(SlackApi.form(sent.get(sent.size() - 1), "text")).contains("Deleted orphaned namespace stray-pr-3");
        reconcileLoop.pass();
        await("the outbox to drain", () -> outbox.pending() == 0);
        assertThat(announcements()).as("announced once, not on every pass").hasSize(sent.size());
    }

    @Test
    void aMalformedPayloadGetsAClearAnswer() {
        HttpResponse<String> answer = send(SlackDeliveries.signed(events(), "payload=%7Bnot+json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("ephemeral").contains("could not read");
    }

    @Test
    void socketModeRequestsRunThroughTheSameHandlers() throws Exception {
        String envelope = """
                {"envelope_id": "1d3c3a1f-0000-4c5e-9c52-000000000057", "type": "slash_commands",
                 "accepts_response_payload": true,
                 "payload": {"token": "gIkuvaNzQIHg97ATvDxqgjtO", "team_id": "T0ACME001", "team_domain": "acme",
                   "channel_id": "C0PREVIEW", "channel_name": "previews", "user_id": "U0OCTOCAT", "user_name": "octocat",
                   "command": "/preview", "text": "up acme/shop#57", "api_app_id": "A0RUNBOT1",
                   "response_url": "%s", "trigger_id": "trigger-57"}}
                """.formatted(slack.responseUrl("trigger-57"));

        Response ack = app.run(new SocketModeRequestParser(app.config()).parse(envelope).getBoltRequest());

        assertThat(ack.getStatusCode()).isEqualTo(200);
        assertThat(ack.getBody()).contains("up acme/shop#57");
        awaitNamespace(kube, "shop-pr-57");
        await("the answer", () -> answers("trigger-57").size() == 1);
    }

    private HttpRequest raw(String body, String timestamp, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.build();
    }

    private HttpResponse<String> slash(String text, String userId, String channelId, String triggerId) {
        return send(SlackDeliveries.signed(events(), SlackDeliveries.slashCommand(text, userId, "octocat", channelId,
                triggerId, slack.responseUrl(triggerId))));
    }

    private HttpResponse<String> press(String actionId, String label, String value, String triggerId) {
        return send(SlackDeliveries.signed(events(), SlackDeliveries.button(actionId, label, value, triggerId,
                slack.responseUrl(triggerId))));
    }

    private URI events() {
        return server.getURI().resolve("/slack/events");
    }

    private List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return slack.server.findAll(pattern);
    }

    private List<LoggedRequest> answers(String triggerId) {
        return requests(postRequestedFor(urlPathEqualTo("/response/" + triggerId)));
    }

    private List<LoggedRequest> channelMessages() {
        return requests(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .filter(request -> SlackApi.form(request, "thread_ts").isEmpty()).toList();
    }

    private List<LoggedRequest> announcements() {
        return channelMessages().stream().filter(request -> SlackApi.form(request, "text").contains("orphaned")).toList();
    }

    private List<LoggedRequest> threadReplies() {
        return requests(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                .filter(request -> !SlackApi.form(request, "thread_ts").isEmpty()).toList();
    }


    /** The text of a response_url answer (JSON). */
    private static String text(LoggedRequest request) {
        return request.getBodyAsString();
    }

}
