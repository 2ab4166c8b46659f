package dev.runbot.bot.slack.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.slack.SlackHost;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slack client is runbot's SlackHost exactly when a bot token is configured. */
class SlackWiringTest {

    @TempDir
    Path dataDir;

    @Test
    void aBotTokenMakesTheWebApiTheSlackHost() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.data-dir", dataDir.toString(),
                "runbot.slack.bot-token", FakeSlack.TOKEN,
                "runbot.slack.signing-secret", "8f742231b10e8888abcd99yyyzzz85a5"), "test")) {
            assertThat(context.getBean(SlackHost.class)).isInstanceOf(SlackWebApi.class);
        }
    }

    @Test
    void withoutABotTokenThereIsNoSlackHost() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("runbot.data-dir", dataDir.toString(),
                "runbot.slack.bot-token", " "), "test")) {
            assertThat(context.containsBean(SlackHost.class)).isFalse();
        }
    }
}
