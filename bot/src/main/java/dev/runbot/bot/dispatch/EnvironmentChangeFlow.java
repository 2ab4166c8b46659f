package dev.runbot.bot.dispatch;

import dev.runbot.commands.Reply;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent;
import dev.runbot.provisioner.lifecycle.ServiceResult;
import dev.runbot.provisioner.reconcile.EnvironmentReconciler;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What every changing command does after the lifecycle rules answered: announce the events,
 * let the reconciler act at once (edge-triggered) when the cluster must change, and reply with
 * the environment as it now is.
 */
@Singleton
public class EnvironmentChangeFlow {

    private final EnvironmentReconciler reconciler;
    private final EnvironmentReplies replies;
    private final ApplicationEventPublisher<EnvironmentEvent> events;

    EnvironmentChangeFlow(EnvironmentReconciler reconciler, EnvironmentReplies replies,
                          ApplicationEventPublisher<EnvironmentEvent> events) {
        this.reconciler = reconciler;
        this.replies = replies;
        this.events = events;
    }

    /** @param reconcile whether the change needs the cluster to follow (up, down) */
    public Reply reply(ServiceResult result, boolean reconcile) {
        if (result instanceof ServiceResult.Refused refused) {
            return replies.refused(refused);
        }
        if (result instanceof ServiceResult.Unchanged unchanged) {
            return replies.status(unchanged.environment(), unchanged.note());
        }
        ServiceResult.Changed changed = (ServiceResult.Changed) result;
        changed.events().forEach(events::publishEvent);
        Environment environment = changed.environment();
        if (reconcile) {
            List<EnvironmentEvent> converged = reconciler.converge(environment.id());
            converged.forEach(events::publishEvent);
            if (!converged.isEmpty()) {
                environment = converged.get(converged.size() - 1).environment();
            }
        }
        return replies.changed(environment, changed.note());
    }
}
