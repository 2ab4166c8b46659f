package dev.runbot.bot.notify;

import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces every change of an environment in the log: the notification channel that always
 * exists, and the only one when GitHub and Slack are not configured.
 */
@Singleton
public class LogNotifier {

    private static final Logger LOG = LoggerFactory.getLogger("runbot.notifications");

    @EventListener
    void onEvent(EnvironmentEvent event) {
        Environment environment = event.environment();
        LOG.info("{} {} by {} via {}: {} ({}{}){}", environment.pullRequestRef(), event.type().label(),
                event.by().name(), event.by().channel().label(), environment.url(), environment.state().label(),
                environment.dryRun() ? ", dry-run" : "", event.detail().isEmpty() ? "" : " - " + event.detail());
    }
}
