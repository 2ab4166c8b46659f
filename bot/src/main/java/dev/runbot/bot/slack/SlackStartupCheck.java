package dev.runbot.bot.slack;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a runbot that would take Slack's requests without being able to tell them
 * from anyone else's, and says at startup how Slack reaches runbot.
 */
@Context
public class SlackStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SlackStartupCheck.class);

    SlackStartupCheck(SlackSettings settings) {
        if (!settings.enabled()) {
            return;
        }
        if (!SlackSettings.present(settings.signingSecret())) {
            throw new ConfigurationException("Slack is enabled (runbot.slack.bot-token) but runbot.slack.signing-secret"
                    + " (RUNBOT_SLACK_SIGNING_SECRET) is not set: without it no request can be verified. Copy it from"
                    + " the Slack app's Basic Information page.");
        }
        LOG.info("Slack at {} over {}; environments without a channel of their own go to {}; channels with a"
                        + " repository of their own: {}", settings.apiUrl(),
                settings.socketMode() ? "Socket Mode (no public URL needed)" : "POST /slack/events",
                settings.defaultChannelId().map(channel -> "\"" + channel + "\"").orElse("no channel"),
                settings.channelRepositories().isEmpty() ? "none" : new TreeMap<>(settings.channelRepositories()));
    }
}
