package dev.runbot.bot.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: with an app-level token ({@code runbot.slack.app-token}) runbot opens a WebSocket
 * to Slack and takes the same requests, with the same handlers, from inside a private network
 * that has no public URL. The connection is made in the background and re-made when it drops.
 */
@Context
@Requires(condition = SlackEnabled.class)
@Requires(property = "runbot.slack.app-token")
public class SlackSocketMode {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSocketMode.class);

    private final SocketModeApp socketMode;

    SlackSocketMode(SlackSettings settings, App app) throws Exception {
        this.socketMode = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        LOG.info("Slack Socket Mode: connecting to Slack with the app-level token");
    }

    @PreDestroy
    void stop() throws Exception {
        socketMode.close();
    }
}
