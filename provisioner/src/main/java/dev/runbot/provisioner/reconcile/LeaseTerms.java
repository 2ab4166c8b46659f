package dev.runbot.provisioner.reconcile;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Which Lease the replicas compete for, the name this replica campaigns under, and how long a
 * lease holds; the renew deadline and retry period follow from the duration in client-go's
 * proportions (15s, 10s, 2s).
 *
 * @param namespace     where the Lease lives
 * @param name          the Lease's name
 * @param identity      this replica's holder identity: unique per process, not only per host
 * @param leaseDuration how long a holder's lease lasts without renewal; at least a second, as a Lease counts seconds
 */
record LeaseTerms(String namespace, String name, String identity, Duration leaseDuration) {

    /** The one Lease whose holder runs the periodic reconcile, of the default installation. */
    static final String NAME = "runbot-reconciler";

    /** Where Kubernetes tells a pod its own namespace. */
    static final Path POD_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private static final String SUFFIX_LETTERS = "bcdfghjklmnpqrstvwxz2456789";

    LeaseTerms {
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("runbot.reconcile.lease-duration must be at least 1s (a Lease counts"
                    + " whole seconds), not " + leaseDuration.toMillis() + "ms");
        }
        if (identity.isBlank()) {
            throw new IllegalArgumentException("a Lease holder identity must not be blank");
        }
    }

    /** The terms runbot campaigns under: the Lease {@value #NAME} in the configured or the pod's namespace. */
    static LeaseTerms of(ReconcileSettings settings, String instance, Map<String, String> environment,
                         Path podNamespace, RandomGenerator random) {
        return new LeaseTerms(namespace(settings.leaseNamespace(), podNamespace), instance + "-reconciler",
                identity(environment, random), settings.leaseDuration());
    }

    /** How long a leader keeps trying to renew before it stops leading: two thirds of the lease. */
    Duration renewDeadline() {
        return leaseDuration.multipliedBy(2).dividedBy(3).truncatedTo(ChronoUnit.MILLIS);
    }

    /** How often candidates look at the Lease and the leader renews it: two fifteenths of the lease. */
    Duration retryPeriod() {
        return leaseDuration.multipliedBy(2).dividedBy(15).truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code "runbot/runbot-reconciler"}, as logs quote it. */
    String lease() {
        return namespace + "/" + name;
    }

    /** The configured namespace, else the pod's own, else {@code default}. */
    static String namespace(String configured, Path podNamespace) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            if (Files.isReadable(podNamespace)) {
                String own = Files.readString(podNamespace, StandardCharsets.UTF_8).strip();
                if (!own.isEmpty()) {
                    return own;
                }
            }
        } catch (IOException e) {
            // An unreadable file says nothing about where the pod runs; fall through to the default.
        }
        return "default";
    }

    /**
     * The pod's name ({@code $HOSTNAME}), else the host's, plus five random letters: two processes on
     * one host, or a restarted container that kept its name, never pass for each other.
     */
    static String identity(Map<String, String> environment, RandomGenerator random) {
        String host = environment.getOrDefault("HOSTNAME", "").strip();
        if (host.isEmpty()) {
            host = localHostName();
        }
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(SUFFIX_LETTERS.charAt(random.nextInt(SUFFIX_LETTERS.length())));
        }
        return host + "-" + suffix;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "runbot" : name;
        } catch (IOException e) {
            return "runbot";
        }
    }
}
