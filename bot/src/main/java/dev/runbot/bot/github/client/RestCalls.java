package dev.runbot.bot.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * The few REST calls runbot makes without kohsuke, whose 1.330 cannot address an issue comment or a
 * deployment by id alone nor make a conditional request: JSON in, JSON out, over the same timed
 * connector, with the same error mapping. Follows {@code Link: rel="next"} only within the configured API.
 */
final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int NOT_MODIFIED = 304;

    private final String apiUrl;
    private final GitHubConnector connector;
    private final Failures failures;

    /**
     * An answer's status and JSON and, for a list, where its next page is.
     *
     * @param etag GitHub's {@code ETag} of the answer, as sent (weak ones keep their {@code W/})
     */
    record Reply(int status, JsonNode json, Optional<String> next, Optional<String> etag) {

        /** 304: what was asked for is as it was when GitHub gave the ETag sent along. */
        boolean notModified() {
            return status == NOT_MODIFIED;
        }
    }

    RestCalls(String apiUrl, GitHubConnector connector, Failures failures) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.connector = connector;
        this.failures = failures;
    }

    /**
     * @param target        a path under the API ({@code /repos/...}) or a full URL GitHub gave (a next page)
     * @param body          sent as JSON when not null
     * @param authorization the Authorization header
     * @throws dev.runbot.bot.github.GitHubException when GitHub answers with an error
     */
    Reply send(String method, String target, Object body, String authorization) throws IOException {
        return exchange(method, target, body, authorization, Optional.empty());
    }

    /**
     * A conditional GET: with {@code etag}, GitHub answers 304 (an empty {@link Reply#notModified()}
     * reply, which does not count against the rate limit) when the resource is unchanged since.
     *
     * @throws dev.runbot.bot.github.GitHubException when GitHub answers with an error
     */
    Reply getIfNoneMatch(String target, Optional<String> etag, String authorization) throws IOException {
        return exchange("GET", target, null, authorization, etag);
    }

    private Reply exchange(String method, String target, Object body, String authorization,
                          Optional<String> ifNoneMatch) throws IOException {
        URL url = new URL(target.startsWith("/") ? apiUrl + target : target);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("X-GitHub-Api-Version", List.of("2022-11-28"));
        headers.put("Authorization", List.of(authorization));
        ifNoneMatch.ifPresent(etag -> headers.put("If-None-Match", List.of(etag)));
        byte[] bytes = null;
        if (body != null) {
            bytes = JSON.writeValueAsBytes(body);
            headers.put("Content-Type", List.of("application/json"));
        }
        try (GitHubConnectorResponse response = connector.send(new Request(method, url, headers, bytes))) {
            Answer answer = Answer.of(response);
            Optional<String> etag = answer.header("ETag").filter(value -> !value.isBlank());
            if (answer.status() == NOT_MODIFIED && ifNoneMatch.isPresent()) {
                return new Reply(NOT_MODIFIED, MissingNode.getInstance(), Optional.empty(), etag.or(() -> ifNoneMatch));
            }
            if (answer.status() >= 300) {
                throw failures.of(answer);
            }
            JsonNode json = answer.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(answer.body());
            Optional<String> next = answer.header("Link").flatMap(RestCalls::next);
            if (next.isPresent() && !next.get().startsWith(apiUrl + "/")) {
                // runbot's token goes with every page; it must not leave the API it was configured for.
                throw Failures.unusable("GitHub's next page is outside its API: " + next.get(), answer.status());
            }
            return new Reply(answer.status(), json, next, etag);
        }
    }

    private static Optional<String> next(String link) {
        Matcher matcher = NEXT.matcher(link);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A request as kohsuke's connector takes it. */
    private record Request(String method, URL url, Map<String, List<String>> allHeaders, byte[] bytes)
            implements GitHubConnectorRequest {

        @Override
        public String header(String name) {
            return allHeaders.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public InputStream body() {
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean hasBody() {
            return bytes != null;
        }

        @Override
        public String toString() {
            return method + " " + url.getPath(); // never the Authorization header
        }
    }
}
