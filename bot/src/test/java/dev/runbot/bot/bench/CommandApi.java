package dev.runbot.bot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A loopback client of runbot's command API, shared by the benchmarks, that fails loudly on an unexpected status. */
record CommandApi(URI base, String token, String repository, HttpClient http) {

    CommandApi(URI base, String token) {
        this(base, token, "acme/shop", HttpClient.newHttpClient());
    }

    CommandApi(URI base, String token, String repository) {
        this(base, token, repository, HttpClient.newHttpClient());
    }

    /** Sends {@code text} as a command on pull request {@code pullRequest}; a misspelt verb must get 422, all else 200. */
    void command(String text, int pullRequest) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/commands"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text
                        + "\", \"repository\": \"" + repository + "\", \"pullRequest\": " + pullRequest + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        int expected = text.contains("dwon") ? 422 : 200;
        if (response.statusCode() != expected) {
            throw new IllegalStateException("\"" + text + "\" on " + repository + "#" + pullRequest + " answered "
                    + response.statusCode() + ", not " + expected + ": " + response.body());
        }
    }
}
