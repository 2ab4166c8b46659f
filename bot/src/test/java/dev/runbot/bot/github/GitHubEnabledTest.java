package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.github.client.KohsukeGitHub;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GitHub client exists exactly when a token or an App id is configured. */
class GitHubEnabledTest {

    @Test
    void aTokenEnablesGitHubAndTheClientIsBuiltFromTheSettingsAndTheAppsClock() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.github.token", "ghp_x"), "test")) {
            assertThat(context.getBean(PullRequestHost.class)).isInstanceOf(KohsukeGitHub.class);
        }
    }

    @Test
    void anAppIdEnablesGitHub() {
        assertThat(hasClient(Map.of("runbot.github.app-id", "12345"))).isTrue();
    }

    @Test
    void nothingOrABlankTokenLeavesGitHubOff() {
        assertThat(hasClient(Map.of())).isFalse();
        assertThat(hasClient(Map.of("runbot.github.token", " "))).isFalse();
    }

    private static boolean hasClient(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            return context.containsBean(KohsukeGitHub.class) && context.containsBean(PullRequestHost.class);
        }
    }
}
