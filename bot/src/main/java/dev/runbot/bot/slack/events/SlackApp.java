package dev.runbot.bot.slack.events;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * The Bolt app that takes Slack's requests, over HTTP or Socket Mode alike: the {@code /preview}
 * command and runbot's buttons, each handed to {@link SlackRequests}.
 */
@Factory
@Requires(condition = SlackEnabled.class)
public class SlackApp {

    /** runbot's buttons that run a command; link buttons ({@code runbot:open:...}) only need an acknowledgement. */
    static final Pattern COMMAND_BUTTONS = Pattern.compile("^runbot:(?!open:).+");
    static final Pattern LINK_BUTTONS = Pattern.compile("^runbot:open:.+");

    @Singleton
    App app(SlackSettings settings, SlackRequests requests,
            @Value("${runbot.slack.command:/preview}") String command) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        AppConfig appConfig = AppConfig.builder()
                .slack(Slack.getInstance(config))
                .signingSecret(settings.signingSecret())
                .singleTeamBotToken(settings.botToken())
                .build();
        App app = new App(appConfig);
        app.command(command, requests::slashCommand);
        app.blockAction(COMMAND_BUTTONS, requests::button);
        app.blockAction(LINK_BUTTONS, (request, context) -> context.ack());
        return app;
    }
}
