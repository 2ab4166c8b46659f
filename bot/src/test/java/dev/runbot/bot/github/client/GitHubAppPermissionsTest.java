package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.runbot.bot.github.client.FakeGitHub.fixture;
import static dev.runbot.bot.github.client.FakeGitHub.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.runbot.bot.deploy.DeployFiles;
import dev.runbot.bot.github.DeploymentStatus;
import dev.runbot.bot.github.PullRequestHost;
import dev.runbot.bot.github.Reaction;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/examples/github-app-manifest.json} grants exactly the permissions of the REST calls
 * runbot makes: every {@link PullRequestHost} method is called against WireMock, each request GitHub
 * would have received is looked up in a table of GitHub's documented permissions, and the manifest
 * must hold their sum, nothing more.
 */
class GitHubAppPermissionsTest {

    private static final RepositoryName SHOP = new RepositoryName("acme", "shop");
    private static final PullRequestRef PR = new PullRequestRef(SHOP, 42);
    private static final String READ = "read";
    private static final String WRITE = "write";

    /**
     * One REST endpoint and the GitHub App permissions it takes (GitHub's REST reference, "Permissions
     * required for GitHub Apps"; "fine-grained permissions" of each endpoint).
     */
    private record Endpoint(String method, Pattern path, Map<String, String> permissions, String name) {

        static Endpoint of(String method, String template, Map<String, String> permissions, String name) {
            String regex = Arrays.stream(template.split("/", -1))
                    .map(part -> part.startsWith("{") ? "[^/]+" : Pattern.quote(part))
                    .collect(Collectors.joining("/"));
            // {path} of the contents API may hold slashes.
            return new Endpoint(method, Pattern.compile(regex.replace("contents/[^/]+", "contents/.+")), permissions,
                    name);
        }

        boolean matches(LoggedRequest request) {
            return method.equals(request.getMethod().getName())
                    && path.matcher(URI.create(request.getUrl()).getPath()).matches();
        }
    }

    /**
     * GitHub lists either Issues or Pull requests (write) for issue comments and their reactions, and
     * checks a pull request's comments against its Pull requests permission; runbot comments on pull
     * requests only, and asks for both so that neither check refuses it.
     */
    private static final Map<String, String> COMMENTS = Map.of("issues", WRITE, "pull_requests", WRITE);

    private static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.of("GET", "/repos/{owner}/{repo}", Map.of("metadata", READ), "Get a repository"),
            Endpoint.of("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", Map.of("metadata", READ),
                    "Get repository permissions for a user"),
            Endpoint.of("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", Map.of("pull_requests", READ),
                    "Get a pull request"),
            Endpoint.of("GET", "/repos/{owner}/{repo}/contents/{path}", Map.of("contents", READ),
                    "Get repository content"),
            Endpoint.of("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments",
                    Map.of("issues", READ, "pull_requests", READ), "List issue comments"),
            Endpoint.of("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", COMMENTS,
                    "Create an issue comment"),
            Endpoint.of("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", COMMENTS,
                    "Update an issue comment"),
            Endpoint.of("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", COMMENTS,
                    "Create reaction for an issue comment"),
            Endpoint.of("POST", "/repos/{owner}/{repo}/deployments", Map.of("deployments", WRITE),
                    "Create a deployment"),
            Endpoint.of("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", Map.of("deployments", WRITE),
                    "Create a deployment status"),
            // Token auth only, to learn its own login; an App names itself with GET /app under its JWT,
            // and takes installation tokens the same way: no permission (AppAuthenticationTest).
            Endpoint.of("GET", "/user", Map.of(), "Get the authenticated user"));

    /** What subscribing to each webhook event takes ("Webhook events and payloads", Availability). */
    private static final Map<String, Map<String, String>> EVENTS = Map.of(
            "issue_comment", Map.of("issues", READ),
            "pull_request", Map.of("pull_requests", READ));

    private FakeGitHub github;
    private KohsukeGitHub host;

    @BeforeEach
    void start() {
        github = new FakeGitHub();
        github.repository();
        Class<?> kohsuke = KohsukeGitHubTest.class;
        github.server.stubFor(get(urlEqualTo("/user")).willReturn(json(200, fixture(kohsuke, "user.json"))));
        github.server.stubFor(get(urlPathMatching("/repos/acme/shop/collaborators/[^/]+/permission"))
                .willReturn(json(200, fixture(kohsuke, "collaborator-permission.json").replace("{{permission}}", WRITE))));
        github.server.stubFor(get(urlEqualTo("/repos/acme/shop/pulls/42")).willReturn(json(200,
                fixture(kohsuke, "pull-request.json"))));
        github.server.stubFor(get(urlPathEqualTo("/repos/acme/shop/contents/.preview.yaml")).willReturn(json(200,
                fixture(kohsuke, "preview-yaml.json"))));
        github.server.stubFor(get(urlPathEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(json(200,
                fixture(kohsuke, "comments-none-marked.json"))));
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/issues/42/comments")).willReturn(json(201,
                fixture(kohsuke, "issue-comment.json"))));
        github.server.stubFor(patch(urlPathMatching("/repos/acme/shop/issues/comments/\\d+")).willReturn(json(200,
                fixture(kohsuke, "issue-comment.json"))));
        github.server.stubFor(post(urlPathMatching("/repos/acme/shop/issues/comments/\\d+/reactions"))
                .willReturn(json(201, fixture(kohsuke, "reaction.json"))));
        github.server.stubFor(post(urlEqualTo("/repos/acme/shop/deployments")).willReturn(json(201,
                fixture(kohsuke, "deployment.json"))));
        github.server.stubFor(post(urlPathMatching("/repos/acme/shop/deployments/\\d+/statuses")).willReturn(json(201,
                fixture(kohsuke, "deployment-status.json"))));
        host = new KohsukeGitHub(github.tokenSettings(), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void theManifestGrantsExactlyWhatRunbotsCallsAndEventsTake() {
        for (Consumer<PullRequestHost> call : everyCall().values()) {
            call.accept(host);
        }
        List<LoggedRequest> requests = github.server.findAll(anyRequestedFor(anyUrl()));

        Map<String, String> needed = new TreeMap<>(Map.of("metadata", READ)); // every App has it
        Set<Endpoint> used = new HashSet<>();
        for (LoggedRequest request : requests) {
            Endpoint endpoint = ENDPOINTS.stream().filter(row -> row.matches(request)).findFirst()
                    .orElseThrow(() -> new AssertionError("runbot called " + request.getMethod() + " " + request.getUrl()
                            + ", which the table of GitHub's permissions lacks: add the endpoint and what it takes"));
            used.add(endpoint);
            endpoint.permissions().forEach((permission, level) -> needed.merge(permission, level,
                    GitHubAppPermissionsTest::higher));
        }
        JsonNode manifest = DeployFiles.json("examples", "github-app-manifest.json");
        manifest.get("default_events").forEach(event -> EVENTS.getOrDefault(event.asText(), Map.of())
                .forEach((permission, level) -> needed.merge(permission, level, GitHubAppPermissionsTest::higher)));

        Map<String, String> granted = new TreeMap<>();
        manifest.get("default_permissions").fields()
                .forEachRemaining(field -> granted.put(field.getKey(), field.getValue().asText()));
        assertThat(granted).isEqualTo(needed);
        assertThat(ENDPOINTS).as("endpoints of the table runbot no longer calls").allMatch(used::contains);
        assertThat(EVENTS.keySet()).as("every event the manifest subscribes to, with what it takes")
                .containsAll(textValues(manifest.get("default_events")));
    }

    @Test
    void everyMethodOfThePullRequestHostIsCalled() {
        Set<String> declared = Arrays.stream(PullRequestHost.class.getDeclaredMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(everyCall().keySet()).as("a new PullRequestHost method must be called above, so its REST"
                + " calls reach the permission table").isEqualTo(declared);
    }

    /** Each way runbot talks to GitHub, by the PullRequestHost method that does it. */
    private static Map<String, Consumer<PullRequestHost>> everyCall() {
        Map<String, Consumer<PullRequestHost>> calls = new LinkedHashMap<>();
        calls.put("permission", host -> host.permission(SHOP, "octocat"));
        calls.put("pullRequest", host -> host.pullRequest(PR));
        calls.put("pullRequestIfChanged", host -> host.pullRequestIfChanged(PR, Optional.empty()));
        calls.put("file", host -> host.file(SHOP, ".preview.yaml", Optional.empty()));
        calls.put("findComment", host -> host.findComment(PR, "<!-- runbot:status -->"));
        calls.put("createComment", host -> host.createComment(PR, "Deploying `6dcb09b`."));
        calls.put("editComment", host -> host.editComment(SHOP, 2500000105L, "Ready."));
        calls.put("react", host -> host.react(SHOP, 2500000101L, Reaction.EYES));
        calls.put("createDeployment", host -> host.createDeployment(SHOP, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                "preview/pr-42", "Preview of #42"));
        calls.put("deploymentStatus", host -> host.deploymentStatus(SHOP, 3000000001L, new DeploymentStatus(
                DeploymentStatus.State.SUCCESS, Optional.of("https://shop-pr-42.preview.example.com"), Optional.empty(),
                "Ready")));
        return calls;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String higher(String one, String other) {
        return WRITE.equals(one) || WRITE.equals(other) ? WRITE : READ;
    }
}
