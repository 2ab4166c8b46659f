package dev.runbot.bot.web;

import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.commands.RepositoryName;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * GitHub's web pages (pull requests, commits, OAuth) from {@code runbot.github.api-url}, so a
 * GitHub Enterprise installation links to its own host: {@code https://api.github.com} is
 * {@code https://github.com}, {@code https://ghe.example.com/api/v3} is {@code https://ghe.example.com},
 * and {@code https://api.acme.ghe.com} (GitHub Enterprise Cloud) is {@code https://acme.ghe.com}.
 */
@Singleton
public class GitHubWebUrls {

    private final String web;
    private final String api;

    @Inject
    GitHubWebUrls(GitHubSettings github) {
        this(github.apiUrl());
    }

    private GitHubWebUrls(String apiUrl) {
        this.api = trimmed(apiUrl);
        this.web = web(api);
    }

    /** The links of the GitHub whose API is at {@code apiUrl}. */
    static GitHubWebUrls of(String apiUrl) {
        return new GitHubWebUrls(apiUrl);
    }

    /** The web base that belongs to an API base. */
    static String web(String apiUrl) {
        URI uri = URI.create(trimmed(apiUrl));
        String host = uri.getHost();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/api/v3")) {
            path = path.substring(0, path.length() - "/api/v3".length());
        } else if (host != null && host.startsWith("api.") && host.indexOf('.', 4) > 0) {
            host = host.substring(4);
        }
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    public String pullRequest(RepositoryName repository, int number) {
        return web + "/" + repository + "/pull/" + number;
    }

    public String commit(RepositoryName repository, String sha) {
        return web + "/" + repository + "/commit/" + sha;
    }

    /** Where a person authorizes the OAuth app: {@code <web>/login/oauth/authorize}. */
    public String authorize() {
        return web + "/login/oauth/authorize";
    }

    /** Where the code is exchanged for the person's token: {@code <web>/login/oauth/access_token}. */
    public String accessToken() {
        return web + "/login/oauth/access_token";
    }

    /** The REST API base, without a trailing slash. */
    public String api() {
        return api;
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
