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
 * deployment by id alone: JSON in, JSON out, over the same timed connector, with the same error
 * mapping. Follows {@code Link: rel="next"} only within the configured API.
 */
final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private final String apiUrl;
    private final GitHubConnector connector;
    private final Failures failures;

    /** An answer's status and JSON and, for a list, where its next page is. */
    record Reply(int status, JsonNode json, Optional<String> next) {
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
        URL url = new URL(target.startsWith("/") ? apiUrl + target : target);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("X-GitHub-Api-Version", List.of("2022-11-28"));
        headers.put("Authorization", List.of(authorization));
        byte[] bytes = null;
        if (body != null) {
            bytes = JSON.writeValueAsBytes(body);
            headers.put("Content-Type", List.of("application/json"));
        }
        try (GitHubConnectorResponse response = connector.send(new Request(method, url, headers, bytes))) {
            Answer answer = Answer.of(response);
            if (answer.status() >= 300) {
                throw failures.of(answer);
            }
            JsonNode json = answer.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(answer.body());
            Optional<String> next = answer.header("Link").flatMap(RestCalls::next);
            if (next.isPresent() && !next.get().startsWith(apiUrl + "/")) {
                // runbot's token goes with every page; it must not leave the API it was configured for.
                throw Failures.unusable("GitHub's next page is outside its API: " + next.get(), answer.status());
            }
            return new Reply(answer.status(), json, next);
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
