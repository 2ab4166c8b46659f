package dev.runbot.bot.slack.notify;

import dev.runbot.bot.slack.SlackEnabled;
import dev.runbot.commands.Messages;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.Requester;
import dev.runbot.provisioner.reconcile.OrphanCollected;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Every change of an environment, whichever channel caused it, updates its Slack message in place
 * and adds a line to the message's thread saying what changed, who did it and why.
 */
@Singleton
@Requires(condition = SlackEnabled.class)
public class SlackNotifier {

    private final SlackNotices notices;

    SlackNotifier(SlackNotices notices) {
        this.notices = notices;
    }

    @EventListener
    void onEvent(EnvironmentEvent event) {
        Environment environment = event.environment();
        notices.refresh(environment.pullRequestRef());
        headline(event).ifPresent(headline -> notices.change(environment.pullRequestRef(), headline, detail(event)));
    }

    /** A namespace nobody owned was deleted: the default channel hears of it, since no environment's thread does. */
    @EventListener
    void onOrphan(OrphanCollected orphan) {
        notices.announce("🧹 Deleted orphaned namespace " + orphan.namespace(),
                "It carried runbot's labels" + orphan.pullRequest().map(ref -> " (" + ref + ")").orElse("")
                        + " but no environment owned it; created " + Messages.time(orphan.createdAt()) + ".");
    }

    /** The thread line of a change; none for the step between applied and ready, which only the message shows. */
    private static Optional<String> headline(EnvironmentEvent event) {
        String by = by(event.by());
        Environment environment = event.environment();
        return Optional.ofNullable(switch (event.type()) {
            case CREATED -> "🆕 Created" + by;
            case REDEPLOYING -> "🔁 Redeploying" + sha(environment) + by;
            case APPLIED -> null;
            case READY -> "✅ Ready" + sha(environment) + (environment.dryRun() ? " (dry-run)" : "");
            case FAILED -> "❌ Failed to deploy" + sha(environment);
            case EXTENDED -> "⏰ Extended" + by + ": expires " + Messages.time(environment.expiresAt());
            case PINNED -> "📌 Pinned" + by + Optional.ofNullable(environment.pinnedUntil()).map(until -> " until " + Messages.time(until))
                    .orElse("");
            case UNPINNED -> "Unpinned" + by + ": expires " + Messages.time(environment.expiresAt());
            case EXPIRING -> "⚠️ Expires at " + Messages.time(environment.expiresAt())
                    + ": press Extend on the message above, or pin it, to keep it";
            case DESTROYING -> "🗑️ Being destroyed" + by;
            case DESTROYED -> "🗑️ Destroyed";
            case RESTORED -> "♻️ Record rebuilt from the cluster";
        });
    }

    private static String detail(EnvironmentEvent event) {
        return switch (event.type()) {
            case FAILED, DESTROYING, DESTROYED, CREATED, REDEPLOYING, UNPINNED, RESTORED -> event.detail();
            default -> "";
        };
    }

    private static String by(Requester requester) {
        return requester.equals(Requester.RUNBOT) ? "" : " by " + requester.name() + " via "
                + requester.channel().label();
    }

    private static String sha(Environment environment) {
        return environment.headSha() == null ? "" : " at " + environment.headSha().substring(0,
                Math.min(7, environment.headSha().length()));
    }
}
