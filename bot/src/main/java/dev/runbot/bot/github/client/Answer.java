package dev.runbot.bot.github.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * An HTTP answer from GitHub reduced to what error handling looks at: status, headers (names
 * case-insensitive) and body text.
 */
record Answer(int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RAW_BODY = 200;

    Answer {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    caseInsensitive.put(name, List.copyOf(values));
                }
            });
        }
        headers = caseInsensitive;
        body = body == null ? "" : body;
    }

    static Answer of(GitHubConnectorResponse response) {
        return new Answer(response.statusCode(), response.allHeaders(), bodyOf(response));
    }

    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** 429, or 403 with a wait or a spent quota: GitHub's primary and secondary rate limits. */
    boolean limited() {
        if (status == 429) {
            return true;
        }
        return status == 403 && (header("Retry-After").isPresent()
                || header("x-ratelimit-remaining").filter("0"::equals).isPresent()
                || header("gh-limited-by").isPresent());
    }

    /** GitHub's {@code message}, with the {@code errors} details of a 422; a cut body when it is no JSON. */
    Optional<String> message() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(body);
            List<String> details = new ArrayList<>();
            json.path("errors").forEach(error -> {
                String detail = error.isTextual() ? error.asText()
                        : error.path("message").asText(error.path("code").asText(""));
                if (!detail.isBlank()) {
                    details.add(detail);
                }
            });
            String message = json.path("message").asText("");
            String joined = details.isEmpty() ? message : message + ": " + String.join("; ", details);
            return joined.isBlank() ? Optional.empty() : Optional.of(joined);
        } catch (IOException notJson) {
            if (body.strip().startsWith("<")) {
                return Optional.empty(); // an HTML error page says nothing the status does not
            }
            String flat = body.strip().replaceAll("\\s+", " ");
            return Optional.of(flat.length() > MAX_RAW_BODY ? flat.substring(0, MAX_RAW_BODY) + "…" : flat);
        }
    }

    private static String bodyOf(GitHubConnectorResponse response) {
        try (InputStream body = response.bodyStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }
}
