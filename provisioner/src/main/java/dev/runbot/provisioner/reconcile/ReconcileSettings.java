package dev.runbot.provisioner.reconcile;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the reconciler keeps the cluster and the records honest ({@code runbot.reconcile.*});
 * names and defaults from CONFIG.md. The intervals of the periodic passes are read where they
 * are scheduled ({@code ReconcileLoop}, {@code ClosedPullRequestCheck}).
 *
 * @param orphanGrace     how old a runbot namespace with no live record must be before it is deleted
 * @param leaseDuration   how long a leader's Lease holds; another replica takes over within it
 * @param claimTimeout    how long one replica may hold an environment's work before another may take it over
 * @param leaseNamespace  the namespace of the {@code <instance>-reconciler} Lease; unset means the pod's own, else {@code default}
 * @param leaderElection  whether replicas elect the one that runs the periodic passes; {@code false} for a single
 *                        replica, which then runs them without a Lease
 */
@ConfigurationProperties("runbot.reconcile")
public record ReconcileSettings(
        @Bindable(defaultValue = "10m") Duration orphanGrace,
        @Bindable(defaultValue = "15s") Duration leaseDuration,
        @Bindable(defaultValue = "30s") Duration claimTimeout,
        @Nullable String leaseNamespace,
        @Bindable(defaultValue = "true") boolean leaderElection) {
}
