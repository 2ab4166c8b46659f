package dev.runbot.bot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.runbot.bot.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WireMock standing in for GitHub's REST API of repository acme/shop, answering with GitHub's
 * documented example bodies (files in {@code GitHubFlowTest/}) changed where a case needs it.
 */
public final class GitHubApi implements AutoCloseable {

    static final String REPO = "/repos/acme/shop";
    static final long COMMENT_ID = 2500000105L;
    static final long DEPLOYMENT_ID = 3000000001L;
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    /** The stubs of each pull request's state, replaced as a whole when it changes. */
    private final Map<Integer, List<StubMapping>> states = new ConcurrentHashMap<>();

    public GitHubApi() {
        server.start();
    }

    public String url() {
        return server.baseUrl();
    }

    /** A repository whose people have the given permissions and whose writes all succeed. */
    public void standard() {
        server.resetAll();
        states.clear();
        server.stubFor(get(urlEqualTo("/user")).willReturn(json(200, fixture("user.json"))));
        server.stubFor(get(urlEqualTo(REPO)).willReturn(json(200, fixture("repository.json"))));
        server.stubFor(get(urlPathMatching(REPO + "/collaborators/[^/]+/permission")).atPriority(10)
                .willReturn(json(404, fixture("not-found.json"))));
        permission("octocat", "write");
        permission("mona", "read");
        server.stubFor(get(urlPathEqualTo(REPO + "/issues/42/comments")).willReturn(json(200, "[]")));
        server.stubFor(get(urlPathMatching(REPO + "/issues/\\d+/comments")).atPriority(10).willReturn(json(200, "[]")));
        writesSucceed();
        previewYaml("image: ghcr.io/acme/shop\nautoDeploy: label\n");
    }

    /** Comments, reactions and deployments answer as GitHub does when all is well. */
    void writesSucceed() {
        server.stubFor(post(urlPathMatching(REPO + "/issues/\\d+/comments")).willReturn(json(201, fixture("issue-comment.json"))));
        server.stubFor(patch(urlPathMatching(REPO + "/issues/comments/\\d+")).willReturn(json(200, fixture("issue-comment.json"))));
        server.stubFor(post(urlPathMatching(REPO + "/issues/comments/\\d+/reactions")).willReturn(json(201, fixture("reaction.json"))));
        server.stubFor(post(urlPathEqualTo(REPO + "/deployments")).willReturn(json(201, fixture("deployment.json"))));
        server.stubFor(post(urlPathMatching(REPO + "/deployments/\\d+/statuses"))
                .willReturn(json(201, fixture("deployment-status.json"))));
    }

    /** Every write answers 502, as GitHub does in an outage. */
    void writesFail() {
        ResponseDefinitionBuilder badGateway = aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>");
        for (MappingBuilder write : List.of(post(urlPathMatching(REPO + "/issues/\\d+/comments")),
                patch(urlPathMatching(REPO + "/issues/comments/\\d+")),
                post(urlPathMatching(REPO + "/issues/comments/\\d+/reactions")),
                post(urlPathEqualTo(REPO + "/deployments")), post(urlPathMatching(REPO + "/deployments/\\d+/statuses")))) {
            server.stubFor(write.willReturn(badGateway));
        }
    }

    void permission(String login, String permission) {
        ObjectNode answer = (ObjectNode) tree(fixture("collaborator-permission.json"));
        answer.put("permission", permission).put("role_name", permission);
        ((ObjectNode) answer.get("user")).put("login", login);
        server.stubFor(get(urlPathEqualTo(REPO + "/collaborators/" + login + "/permission")).willReturn(json(200,
                answer.toString())));
    }

    /** Pull request {@code number} at {@code sha}, from a branch of acme/shop or from a fork. */
    public void pullRequest(int number, String sha, boolean fork, String... labels) {
        ObjectNode pr = (ObjectNode) tree(fixture(fork ? "pull-request-from-fork.json" : "pull-request.json"));
        pr.put("number", number).put("state", "open").put("url", "https://api.github.com/repos/acme/shop/pulls/" + number);
        ((ObjectNode) pr.get("head")).put("sha", sha);
        ArrayNode names = pr.putArray("labels");
        for (String label : labels) {
            names.addObject().put("name", label);
        }
        server.stubFor(get(urlPathEqualTo(REPO + "/pulls/" + number)).willReturn(json(200, pr.toString())));
    }

    /**
     * Pull request {@code number} as the periodic check reads it: open or closed at {@code sha},
     * answered with {@code etag}, and 304 to a request that sends that ETag back. It replaces the
     * pull request's earlier state: an older ETag then gets the new answer, as on GitHub.
     */
    public void pullRequestState(int number, String sha, boolean open, boolean merged, String etag) {
        ObjectNode pr = (ObjectNode) tree(fixture("pull-request.json"));
        pr.put("number", number).put("state", open ? "open" : "closed").put("merged", merged)
                .put("url", "https://api.github.com/repos/acme/shop/pulls/" + number);
        ((ObjectNode) pr.get("head")).put("sha", sha);
        String path = REPO + "/pulls/" + number;
        List<StubMapping> earlier = states.put(number, List.of(
                server.stubFor(get(urlPathEqualTo(path)).willReturn(json(200, pr.toString()).withHeader("ETag", etag))),
                server.stubFor(get(urlPathEqualTo(path)).withHeader("If-None-Match", equalTo(etag)).atPriority(2)
                        .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)))));
        if (earlier != null) {
            earlier.forEach(server::removeStub);
        }
    }

    /**
     * Every read of pull request {@code number} answers {@code answer}, whatever is sent, until the
     * returned stub is removed ({@code server.removeStub}).
     */
    public StubMapping pullRequestAnswers(int number, ResponseDefinitionBuilder answer) {
        return server.stubFor(get(urlPathEqualTo(REPO + "/pulls/" + number)).atPriority(1).willReturn(answer));
    }

    /** Every conditional read of a pull request answers 304, as GitHub does while nothing changes. */
    public void pullRequestsUnchanged() {
        server.stubFor(get(urlPathMatching(REPO + "/pulls/\\d+")).withHeader("If-None-Match", matching(".+"))
                .atPriority(3).willReturn(aResponse().withStatus(304)));
    }

    /** How many requests GitHub answered with {@code status} since the journal was last emptied. */
    public long answered(int status) {
        return server.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() == status).count();
    }

    /** How many requests GitHub received since the journal was last emptied. */
    public long received() {
        return server.getAllServeEvents().size();
    }

    /** The requests GitHub received that match, oldest first. */
    public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /** How many times runbot created or edited the status comment of the pull request. */
    public int commentWrites(int number) {
        return requests(postRequestedFor(urlPathEqualTo(REPO + "/issues/" + number + "/comments"))).size()
                + (int) requests(patchRequestedFor(urlPathMatching(REPO + "/issues/comments/\\d+"))).stream()
                .filter(request -> field(request, "body").contains("acme/shop#" + number)).count();
    }

    /** The status comment as runbot last wrote it: the latest create or edit of a comment on the pull request. */
    public String lastCommentBody(int number) {
        List<LoggedRequest> writes = new ArrayList<>(requests(postRequestedFor(urlPathEqualTo(REPO + "/issues/"
                + number + "/comments"))));
        if (writes.isEmpty()) {
            return "";
        }
        writes.addAll(requests(patchRequestedFor(urlPathMatching(REPO + "/issues/comments/\\d+")))
                .stream().filter(request -> field(request, "body").contains("acme/shop#" + number)).toList());
        writes.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return field(writes.get(writes.size() - 1), "body");
    }

    /** A field of the JSON body runbot sent. */
    public static String field(LoggedRequest request, String name) {
        return tree(request.getBodyAsString()).path(name).asText();
    }

    /** Empties the request journal; stubs stay. */
    public void forgetRequests() {
        server.resetRequests();
    }

    /** {@code .preview.yaml} on the default branch, as the contents API returns it. */
    void previewYaml(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ObjectNode file = JSON.createObjectNode().put("type", "file").put("encoding", "base64")
                .put("size", bytes.length).put("name", ".preview.yaml").put("path", ".preview.yaml")
                .put("content", Base64.getMimeEncoder().encodeToString(bytes)).put("sha", blobSha(bytes))
                .put("url", "https://api.github.com/repos/acme/shop/contents/.preview.yaml");
        server.stubFor(get(urlPathEqualTo(REPO + "/contents/.preview.yaml")).willReturn(json(200, file.toString())));
    }

    void noPreviewYaml() {
        server.stubFor(get(urlPathEqualTo(REPO + "/contents/.preview.yaml")).willReturn(json(404, fixture("not-found.json"))));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** Git's blob id of the text: what GitHub returns as the file's {@code sha}. */
    private static String blobSha(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        return Fixtures.text(GitHubApi.class, "GitHubFlowTest", name);
    }

    @Override
    public void close() {
        server.stop();
    }
}
