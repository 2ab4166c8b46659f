package dev.runbot.provisioner.reconcile;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Starts campaigning for the Lease once the context has started — once per start, so a copy of the
 * leadership made while the context stops never campaigns (see {@link LeadershipFactory}).
 */
@Singleton
class CampaignAtStartup implements ApplicationEventListener<StartupEvent> {

    private final Leadership leadership;

    CampaignAtStartup(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (leadership instanceof LeaseLeadership lease) {
            lease.start();
        }
    }
}
