package dev.runbot.bot.slack.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.runbot.bot.slack.SlackBlocks;
import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.bot.slack.SlackSettings;
import dev.runbot.bot.slack.client.SlackSdk;
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

    /** Every button runbot puts on a message; {@link SlackRequests#button} tells commands from links. */
    static final Pattern BUTTONS = Pattern.compile("^" + Pattern.quote(SlackBlocks.ACTION_PREFIX) + ".+");

    @Singleton
    App app(SlackSettings settings, SlackRequests requests,
            @Value("${runbot.slack.command:/preview}") String command) {
        AppConfig appConfig = AppConfig.builder()
                .slack(SlackSdk.build(settings.apiUrl()))
                .signingSecret(settings.signingSecret())
                // SlackEventsController has verified the signature, in constant time, before Bolt sees anything.
                .requestVerificationEnabled(false)
                .singleTeamBotToken(settings.botToken())
                .build();
        App app = new App(appConfig);
        app.command(command, requests::slashCommand);
        app.blockAction(BUTTONS, requests::button);
        return app;
    }
}
