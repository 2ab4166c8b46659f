package dev.runbot.bot.web;

import dev.runbot.commands.RepositoryName;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitHub as the person looking at the dashboard sees it, with their own token: the OAuth code
 * exchange, who they are, and whether they can read a repository. Tokens are never logged.
 */
@Singleton
public class GitHubUsers {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final GitHubOAuthSettings oauth;
    private final GitHubWebUrls github;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    GitHubUsers(GitHubOAuthSettings oauth, GitHubWebUrls github, JsonMapper json) {
        this.oauth = oauth;
        this.github = github;
        this.json = json;
    }

    /** Why logging in with GitHub did not work, in words for the login page. */
    public static final class LoginFailed extends Exception {
        LoginFailed(String message) {
            super(message);
        }
    }

    /** Trades the code GitHub sent back for the person's access token. */
    public String accessToken(String code, String redirectUri) throws LoginFailed {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", oauth.clientId().orElseThrow());
        form.put("client_secret", oauth.clientSecret());
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(oauth.tokenUrl()))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "exchanging the code at " + oauth.tokenUrl());
        Map<String, Object> answer = object(response, "the token endpoint " + oauth.tokenUrl());
        if (answer.get("access_token") instanceof String token && !token.isBlank()) {
            return token;
        }
        Object why = answer.getOrDefault("error_description", answer.getOrDefault("error", "no access_token"));
        throw new LoginFailed("GitHub did not give runbot a token for you (" + why + ").");
    }

    /** The login of the token's owner, from {@code GET /user}. */
    public String login(String token) throws LoginFailed {
        HttpResponse<String> response = send(api("/user", token), "reading GET /user");
        if (response.statusCode() != 200) {
            throw new LoginFailed("GitHub answered " + response.statusCode() + " to GET /user with your token.");
        }
        if (object(response, "GET /user").get("login") instanceof String login && !login.isBlank()) {
            return login;
        }
        throw new LoginFailed("GitHub's answer to GET /user names no login.");
    }

    /** Whether the token's owner can read the repository: {@code GET /repos/{owner}/{repo}} answers 200. */
    public boolean canRead(String token, RepositoryName repository) throws LoginFailed {
        int status = send(api("/repos/" + repository, token), "reading GET /repos/" + repository).statusCode();
        if (status == 200) {
            return true;
        }
        if (status == 401 || status == 403 || status == 404) {
            return false;
        }
        throw new LoginFailed("GitHub answered " + status + " to GET /repos/" + repository + ".");
    }

    private HttpRequest.Builder api(String path, String token) {
        return HttpRequest.newBuilder(URI.create(github.api() + path))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + token)
                .GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String doing) throws LoginFailed {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LoginFailed("runbot could not reach GitHub while " + doing + " (" + e.getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailed("runbot was stopped while " + doing + ".");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(HttpResponse<String> response, String what) throws LoginFailed {
        try {
            Object body = json.readValue(response.body(), Argument.OBJECT_ARGUMENT);
            if (body instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (IOException | RuntimeException e) {
            // answered below
        }
        throw new LoginFailed(what + " answered " + response.statusCode() + " with something that is not a JSON object.");
    }
}
