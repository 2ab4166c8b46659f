package dev.runbot.bot.github;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a runbot that would talk to GitHub but could not tell GitHub's webhooks from
 * anyone else's requests, and says at startup which GitHub runbot serves and how it signs in.
 */
@Context
public class GitHubStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubStartupCheck.class);
    /** GitHub's guidance: a high-entropy secret; shorter ones are guessable offline from one signed delivery. */
    static final int SHORT_SECRET = 24;

    GitHubStartupCheck(GitHubSettings settings) {
        if (!settings.enabled()) {
            if (GitHubSettings.present(settings.webhookSecret())) {
                LOG.warn("runbot.github.webhook-secret is set but neither runbot.github.token nor runbot.github.app-id"
                        + " is: GitHub stays off and /webhooks/github does not exist");
            }
            return;
        }
        if (!GitHubSettings.present(settings.webhookSecret())) {
            throw new ConfigurationException("GitHub is enabled but runbot.github.webhook-secret"
                    + " (RUNBOT_GITHUB_WEBHOOK_SECRET) is not set: without it no webhook can be verified. Set it to the"
                    + " secret of the GitHub App's or repository's webhook.");
        }
        if (settings.appId() != null && !GitHubSettings.present(settings.privateKey())) {
            throw new ConfigurationException("runbot.github.app-id is set but runbot.github.private-key is not: a"
                    + " GitHub App signs in with its private key (PEM text or file:/path).");
        }
        if (settings.webhookSecret().length() < SHORT_SECRET) {
            LOG.warn("runbot.github.webhook-secret has {} characters; use at least {} random ones (e.g. openssl rand"
                    + " -hex 32)", settings.webhookSecret().length(), SHORT_SECRET);
        }
        LOG.info("GitHub at {} as {}; commands by \"/preview\" or \"@{}\"; serving {}", settings.apiUrl(),
                settings.appId() != null ? "GitHub App " + settings.appId() : "a token", settings.botLogin(),
                settings.allowed().isEmpty() ? "every repository that sends webhooks" : settings.allowed());
    }
}
