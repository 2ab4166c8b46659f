package dev.runbot.bot.github.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/** The connector bounds every exchange and reports a missing answer as a retryable failure. */
class TimedConnectorTest {

    static final Duration SHORT = Duration.ofMillis(300);

    FakeGitHub github;

    @BeforeEach
    void start() {
        github = new FakeGitHub();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void anAnswerComesThroughWithStatusHeadersAndBody() throws IOException {
        github.server.stubFor(post(urlEqualTo("/echo")).willReturn(aResponse().withStatus(201)
                .withHeader("x-ratelimit-remaining", "4999").withBody("{\"id\": 1}")));

        try (GitHubConnectorResponse response = new TimedConnector().send(request("POST", "/echo", "{\"body\": \"hi\"}"))) {
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("4999");
            assertThat(new String(response.bodyStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 1}");
        }
        github.server.verify(postRequestedFor(urlEqualTo("/echo")).withHeader("Authorization", equalTo("token t"))
                .withRequestBody(equalTo("{\"body\": \"hi\"}")));
    }

    @Test
    void redirectsAreLeftToKohsuke() throws IOException {
        github.server.stubFor(get(urlEqualTo("/moved")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", github.url() + "/elsewhere")));

        try (GitHubConnectorResponse response = new TimedConnector().send(request("GET", "/moved", null))) {
            assertThat(response.statusCode()).isEqualTo(301);
        }
        github.server.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void aLateAnswerIsCutOffAtTheRequestTimeout() {
        github.server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

        assertFailsWithinOneSecond(request("GET", "/slow", null));
    }

    @Test
    void aBodyThatDribblesInIsCutOffAtTheRequestTimeoutToo() {
        github.server.stubFor(get(urlEqualTo("/dribble")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(100)).withChunkedDribbleDelay(10, 3000)));

        assertFailsWithinOneSecond(request("GET", "/dribble", null));
    }

    @Test
    void aRefusedConnectionIsAFailureNotASocketException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GitHubConnectorRequest request = new Request("GET", url("http://127.0.0.1:" + closedPort + "/x"), null);

        GitHubFailure failure = catchThrowableOfType(() -> new TimedConnector().send(request), GitHubFailure.class);

        assertThat(failure).isNotNull();
        assertThat(failure.failure().retryable()).isTrue();
        assertThat(failure.failure().status()).isZero();
    }

    private void assertFailsWithinOneSecond(GitHubConnectorRequest request) {
        long started = System.nanoTime();
        GitHubFailure failure = catchThrowableOfType(() -> new TimedConnector(Duration.ofSeconds(5), SHORT).send(request),
                GitHubFailure.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).isNotNull();
        assertThat(failure.failure().retryable()).isTrue();
        assertThat(failure.failure().status()).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    private GitHubConnectorRequest request(String method, String path, String body) {
        return new Request(method, url(github.url() + path), body);
    }

    private static URL url(String text) {
        try {
            return new URL(text);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record Request(String method, URL url, String text) implements GitHubConnectorRequest {

        @Override
        public Map<String, List<String>> allHeaders() {
            return Map.of("Authorization", List.of("token t"));
        }

        @Override
        public String header(String name) {
            return "Authorization".equalsIgnoreCase(name) ? "token t" : null;
        }

        @Override
        public String contentType() {
            return text == null ? null : "application/json";
        }

        @Override
        public InputStream body() {
            return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean hasBody() {
            return text != null;
        }
    }
}
