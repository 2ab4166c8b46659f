package dev.runbot.bot.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: with an app-level token ({@code runbot.slack.app-token}) runbot opens a WebSocket
 * to Slack and takes the same requests, with the same handlers, from inside a private network
 * that has no public URL. Connecting happens in the background and is retried with backoff, so
 * Slack being unreachable at startup delays Slack commands but does not stop runbot.
 */
@Context
@Requires(condition = SlackEnabled.class)
@Requires(property = "runbot.slack.app-token")
public class SlackSocketMode {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSocketMode.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final SlackSettings settings;
    private final App app;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "runbot-slack-socket-mode");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SocketModeApp socketMode;

    SlackSocketMode(SlackSettings settings, App app) {
        this.settings = settings;
        this.app = app;
        connector.execute(() -> connect(FIRST_WAIT));
    }

    /** Whether the WebSocket to Slack was opened. */
    public boolean connected() {
        return socketMode != null;
    }

    private void connect(Duration nextWait) {
        try {
            SocketModeApp opened = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
            opened.startAsync();
            socketMode = opened;
            LOG.info("Slack Socket Mode: connected; commands and buttons arrive over the WebSocket");
        } catch (Exception e) {
            LOG.warn("Slack Socket Mode: connecting failed ({}); trying again in {}s", e.getMessage(),
                    nextWait.toSeconds());
            Duration after = nextWait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : nextWait.multipliedBy(2);
            connector.schedule(() -> connect(after), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() throws Exception {
        connector.shutdownNow();
        if (socketMode != null) {
            socketMode.close();
        }
    }
}
