package dev.runbot.bot.slack.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.slack.PostedMessage;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each environment's Slack message is stays known, one per pull request; on H2 and PostgreSQL. */
abstract class SlackEnvironmentMessagesContract {

    private static final PullRequestRef PR = new PullRequestRef(new RepositoryName("Acme", "Shop"), 42);

    @TempDir Path dataDir;
    private ApplicationContext context;
    private SlackEnvironmentMessages messages;

    /** The datasource properties of the database under test; none means the embedded H2 file. */
    abstract Map<String, String> database();

    @BeforeEach
    void start() {
        Map<String, Object> properties = new HashMap<>(database());
        properties.put("runbot.data-dir", dataDir.toString());
        properties.put("runbot.reconcile.interval", "1h");
        context = ApplicationContext.run(properties);
        messages = context.getBean(SlackEnvironmentMessages.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void aMessageIsFoundWhereItWasPostedWhateverTheCaseOfTheRepository() {
        assertThat(messages.find(PR)).isEmpty();

        messages.remember(PR, new PostedMessage("C0PREVIEW", "1763800000.000100"));

        assertThat(messages.find(new PullRequestRef(new RepositoryName("acme", "shop"), 42)))
                .contains(new PostedMessage("C0PREVIEW", "1763800000.000100"));
        assertThat(messages.find(new PullRequestRef(PR.repository(), 43))).isEmpty();
    }

    @Test
    void aMessagePostedAgainReplacesTheOneThatWasGone() {
        messages.remember(PR, new PostedMessage("C0PREVIEW", "1763800000.000100"));

        messages.remember(PR, new PostedMessage("C0OTHER01", "1763800999.000200"));

        assertThat(messages.find(PR)).contains(new PostedMessage("C0OTHER01", "1763800999.000200"));
    }
}
