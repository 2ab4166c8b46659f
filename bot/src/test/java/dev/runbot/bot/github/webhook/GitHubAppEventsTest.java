package dev.runbot.bot.github.webhook;

import static dev.runbot.bot.github.GitHubWebhooks.bytes;
import static dev.runbot.bot.github.GitHubWebhooks.comment;
import static dev.runbot.bot.github.GitHubWebhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbot.bot.deploy.DeployFiles;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.webhook.WebhookVerdict.Answer;
import dev.runbot.bot.github.webhook.WebhookVerdict.Work;
import dev.runbot.commands.CommandParser;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/examples/github-app-manifest.json} sends GitHub's webhooks to the route runbot serves,
 * and subscribes to exactly the events runbot's {@link WebhookReader} acts on.
 */
class GitHubAppEventsTest {

    /** The events a GitHub App can subscribe to (GitHub's "Webhook events and payloads"). */
    private static final List<String> GITHUB_EVENTS = List.of("branch_protection_rule", "check_run", "check_suite",
            "code_scanning_alert", "commit_comment", "create", "delete", "dependabot_alert", "deploy_key", "deployment",
            "deployment_protection_rule", "deployment_status", "discussion", "discussion_comment", "fork", "gollum",
            "installation", "installation_repositories", "issue_comment", "issues", "label", "member", "merge_group",
            "meta", "milestone", "package", "page_build", "project", "public", "pull_request", "pull_request_review",
            "pull_request_review_comment", "pull_request_review_thread", "push", "registry_package", "release",
            "repository", "repository_dispatch", "secret_scanning_alert", "security_advisory", "star", "status",
            "team_add", "watch", "workflow_dispatch", "workflow_job", "workflow_run");

    /** A delivery of each event runbot acts on, from GitHub's payload examples, that it turns into work. */
    private static final Map<String, JsonNode> ACTED_ON = Map.of(
            "issue_comment", comment("/preview up", "octocat"),
            "pull_request", payload("pull_request.opened"));

    private static final String UNKNOWN = "runbot_no_such_event";

    private final WebhookReader reader = new WebhookReader(JsonMapper.createDefault(), new CommandParser("runbot"),
            new GitHubSettings("https://api.github.com", "token", null, null, "secret", "runbot", null, "write", "read",
                    null));
    private final JsonNode manifest = DeployFiles.json("examples", "github-app-manifest.json");

    @Test
    void theManifestSubscribesToExactlyTheEventsRunbotReads() {
        Answer notRead = (Answer) reader.read(UNKNOWN, "d-1", "{}".getBytes(StandardCharsets.UTF_8));
        Set<String> read = new TreeSet<>();
        for (String event : GITHUB_EVENTS) {
            WebhookVerdict verdict = reader.read(event, "d-1", "{}".getBytes(StandardCharsets.UTF_8));
            if (!verdict.equals(new Answer(notRead.status(), notRead.message().replace(UNKNOWN, event)))) {
                read.add(event);
            }
        }

        assertThat(new TreeSet<>(texts(manifest.get("default_events")))).isEqualTo(read);
        assertThat(read).isEqualTo(ACTED_ON.keySet());
    }

    @Test
    void eachSubscribedEventCanBecomeWork() {
        for (String event : texts(manifest.get("default_events"))) {
            assertThat(reader.read(event, "d-" + event, bytes(ACTED_ON.get(event)))).as(event)
                    .isInstanceOf(Work.class);
        }
    }

    @Test
    void webhooksGoToTheRouteOfTheWebhookController() {
        URI hook = URI.create(manifest.get("hook_attributes").get("url").asText());

        assertThat(hook.getScheme()).isEqualTo("https");
        assertThat(hook.getPath()).isEqualTo(GitHubWebhookController.class.getAnnotation(Controller.class).value());
        assertThat(manifest.get("hook_attributes").get("active").asBoolean()).isTrue();
    }

    @Test
    void theAppIsPrivateAndItsUrlsNameOneHost() {
        URI home = URI.create(manifest.get("url").asText());
        List<URI> urls = new ArrayList<>(List.of(URI.create(manifest.get("hook_attributes").get("url").asText()),
                URI.create(manifest.get("redirect_url").asText())));
        manifest.get("callback_urls").forEach(url -> urls.add(URI.create(url.asText())));

        assertThat(manifest.get("public").asBoolean()).isFalse();
        assertThat(urls).allSatisfy(url -> assertThat(url.getHost()).isEqualTo(home.getHost()));
        // Micronaut Security's OAuth 2.0 callback, /oauth/callback/{provider}, for the dashboard's GitHub login.
        assertThat(texts(manifest.get("callback_urls"))).containsExactly("https://" + home.getHost()
                + "/oauth/callback/github");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
