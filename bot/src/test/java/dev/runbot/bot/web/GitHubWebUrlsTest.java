package dev.runbot.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.RepositoryName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Links to GitHub's web pages follow runbot.github.api-url, so GitHub Enterprise links to itself. */
class GitHubWebUrlsTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.github.com, https://github.com",
            "https://api.github.com/, https://github.com",
            "https://ghe.example.com/api/v3, https://ghe.example.com",
            "https://ghe.example.com/api/v3/, https://ghe.example.com",
            "https://api.acme.ghe.com, https://acme.ghe.com",
            "http://localhost:8089, http://localhost:8089"})
    void theWebHostBelongsToTheApiHost(String api, String web) {
        GitHubWebUrls urls = GitHubWebUrls.of(api);
        RepositoryName shop = new RepositoryName("acme", "shop");

        assertThat(urls.pullRequest(shop, 42)).isEqualTo(web + "/acme/shop/pull/42");
        assertThat(urls.commit(shop, "0123abc")).isEqualTo(web + "/acme/shop/commit/0123abc");
        assertThat(urls.authorize()).isEqualTo(web + "/login/oauth/authorize");
        assertThat(urls.accessToken()).isEqualTo(web + "/login/oauth/access_token");
        assertThat(urls.api()).isEqualTo(api.endsWith("/") ? api.substring(0, api.length() - 1) : api);
    }
}
