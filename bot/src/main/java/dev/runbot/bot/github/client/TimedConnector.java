package dev.runbot.bot.github.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends kohsuke's requests over {@link HttpClient} with a connect timeout and a bound on the whole
 * exchange, body included. A call that gets no answer fails with a retryable {@link GitHubFailure}
 * (never a SocketException, which kohsuke would retry after sleeping). Redirects are left to kohsuke,
 * which drops the Authorization header when one leaves GitHub.
 */
final class TimedConnector implements GitHubConnector {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Duration requestTimeout;

    TimedConnector() {
        this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    TimedConnector(Duration connectTimeout, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 everywhere: no h2c upgrade dance with proxies and GitHub Enterprise front ends.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest httpRequest = toHttpRequest(request);
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(request, response);
        } catch (TimeoutException slow) {
            exchange.cancel(true);
            throw failure(request, "no complete answer within " + requestTimeout.toSeconds() + "s", slow);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw failure(request, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException interrupted) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted while calling GitHub")
                    .initCause(interrupted);
        }
    }

    private HttpRequest toHttpRequest(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(requestTimeout);
        try {
            builder.uri(request.url().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("not a URI: " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getValue() != null) {
                builder.header(header.getKey(), String.join(", ", header.getValue()));
            }
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.hasBody()) {
            try (InputStream stream = request.body()) {
                body = HttpRequest.BodyPublishers.ofByteArray(stream.readAllBytes());
            }
        }
        return builder.method(request.method(), body).build();
    }

    private static GitHubFailure failure(GitHubConnectorRequest request, String reason, Throwable cause) {
        String what = "no answer to " + request.method() + " " + request.url().getPath() + ": " + reason;
        return new GitHubFailure(Failures.unanswered(what, cause));
    }

    /** An answer read completely, so kohsuke may read its body more than once. */
    private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {

        private final byte[] body;

        Response(GitHubConnectorRequest request, HttpResponse<byte[]> response) {
            super(request, response.statusCode(), response.headers().map());
            this.body = response.body() == null ? new byte[0] : response.body();
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
