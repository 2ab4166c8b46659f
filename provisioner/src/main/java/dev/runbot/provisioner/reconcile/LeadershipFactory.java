package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.RunbotSettings;
import dev.runbot.provisioner.cluster.ClusterFactory;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who runs the periodic work: the holder of a Lease when there is a cluster, else this one replica.
 *
 * <p>The Lease leadership is made with the context and closed with it, but campaigns only from the
 * context's startup event: a scheduled pass that fires while the context is stopping can make its
 * beans again, and such a late copy must not take the Lease the closing one just released.
 */
@Factory
class LeadershipFactory {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipFactory.class);

    @Context
    @Bean(preDestroy = "close")
    Leadership leadership(ClusterFactory.Target target, ReconcileSettings settings, RunbotSettings runbot) {
        if (target.client().isEmpty()) {
            return Leadership.SOLE;
        }
        if (!settings.leaderElection()) {
            LOG.info("runbot.reconcile.leader-election is false: this replica runs the periodic reconcile without"
                    + " a Lease; run no other replica");
            return Leadership.SOLE;
        }
        return new LeaseLeadership(target.client().get(),
                LeaseTerms.of(settings, runbot.instance(), System.getenv(), LeaseTerms.POD_NAMESPACE, ThreadLocalRandom.current()));
    }
}
