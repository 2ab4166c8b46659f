package dev.runbot.bot.api;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sends exact bytes to the running server, as curl would, and reads the JSON answer. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;
    private final String token;

    public ApiClient(URI base, JsonMapper json, String token) {
        this.base = base;
        this.json = json;
        this.token = token;
    }

    /** An answer: status, headers and the body parsed as JSON (null when empty). */
    public record Answer(int status, HttpResponse<String> raw, Object body) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return (Map<String, Object>) body;
        }

        public Object get(String key) {
            return object().get(key);
        }
    }

    public Answer command(String text, String repository, int pullRequest) {
        return post("/api/v1/commands", "{\"text\": \"" + text + "\", \"repository\": \"" + repository
                + "\", \"pullRequest\": " + pullRequest + "}");
    }

    public Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Object body = response.body().isBlank() ? null : json.readValue(response.body(), Argument.OBJECT_ARGUMENT);
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI base() {
        return base;
    }
}
