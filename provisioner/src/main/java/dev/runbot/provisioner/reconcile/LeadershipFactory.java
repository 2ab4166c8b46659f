package dev.runbot.provisioner.reconcile;

import dev.runbot.provisioner.cluster.ClusterFactory;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Decides who runs the periodic work: the holder of a Lease when there is a cluster, else this one replica. */
@Factory
class LeadershipFactory {

    @Singleton
    Leadership leadership(ClusterFactory.Target target) {
        return Leadership.SOLE;
    }
}
