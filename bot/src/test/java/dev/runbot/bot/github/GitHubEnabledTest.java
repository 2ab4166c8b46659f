package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.github.client.KohsukeGitHub;
import io.micronaut.context.ApplicationContext;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GitHub client exists exactly when a token or an App id is configured. */
class GitHubEnabledTest {

    private static final String DATA_DIR = TestDirectories.temporary("runbot-github-startup").toString();

    @Test
    void aTokenEnablesGitHubAndTheClientIsBuiltFromTheSettingsAndTheAppsClock() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.data-dir", DATA_DIR,
                "runbot.github.token", "ghp_x",
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET), "test")) {
            assertThat(context.getBean(PullRequestHost.class)).isInstanceOf(KohsukeGitHub.class);
        }
    }

    @Test
    void anAppIdEnablesGitHub() {
        assertThat(hasClient(Map.of("runbot.data-dir", DATA_DIR, "runbot.github.app-id", "12345",
                "runbot.github.private-key", privateKey(),
                "runbot.github.webhook-secret", GitHubWebhooks.SECRET))).isTrue();
    }

    @Test
    void nothingOrABlankTokenLeavesGitHubOff() {
        assertThat(hasClient(Map.of("runbot.data-dir", DATA_DIR))).isFalse();
        assertThat(hasClient(Map.of("runbot.data-dir", DATA_DIR, "runbot.github.token", " "))).isFalse();
    }

    static String privateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasClient(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            return context.containsBean(KohsukeGitHub.class) && context.containsBean(PullRequestHost.class);
        }
    }
}
