package dev.runbot.provisioner.reconcile;

import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.openapi.ApiClient;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership among several replicas, held in a Kubernetes Lease.
 *
 * <p>client-java's elector campaigns on a daemon thread of its own from {@link #start()}, and
 * again whenever this replica loses the Lease. Closing releases the Lease, so a rolling update hands
 * over at once; a replica that dies is replaced once its lease runs out.
 */
final class LeaseLeadership implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

    private final LeaseTerms terms;
    private final KubernetesLeaseLock lock;
    private final LeaderElector elector;
    private final Thread campaigner;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards {@link #term} and the changes of {@link #leading}. */
    private final Object turns = new Object();
    /** Counts the elector's runs and their ends, so a start callback that comes after its run ended is ignored. */
    private long term;
    private volatile boolean leading;

    /** Ready to campaign for the Lease the terms name, through {@code client}; {@link #start()} begins. */
    LeaseLeadership(ApiClient client, LeaseTerms terms) {
        this.terms = terms;
        this.lock = new KubernetesLeaseLock(client, terms);
        this.elector = new LeaderElector(new LeaderElectionConfig(lock, terms.leaseDuration(), terms.renewDeadline(),
                terms.retryPeriod()), this::unexpected);
        this.campaigner = new Thread(this::campaign, "runbot-lease-" + terms.name());
        this.campaigner.setDaemon(true);
    }

    /** Starts campaigning for the Lease in the background and returns at once; once only, and never after closing. */
    synchronized void start() {
        if (closed.get() || campaigner.getState() != Thread.State.NEW) {
            return;
        }
        LOG.info("campaigning for Lease \"{}\" as \"{}\" to run the periodic reconcile (lease {} ms, renew deadline"
                        + " {} ms, retry every {} ms)", terms.lease(), terms.identity(), terms.leaseDuration().toMillis(),
                terms.renewDeadline().toMillis(), terms.retryPeriod().toMillis());
        campaigner.start();
    }

    /**
     * Between the elector's start and stop callbacks, and only while the last write that made this
     * replica the holder was sent less than the renew deadline ago: another replica can take the
     * Lease no sooner than a whole lease duration after it saw that write, so a replica whose
     * renewals stall — a pause, a lost network — stops leading before anyone else can start.
     */
    @Override
    public boolean leading() {
        return leading && lock.heldWithin(terms.renewDeadline());
    }

    /**
     * Stops leading, stops campaigning and, when this replica holds the Lease, releases it. Waits
     * at most about a lease duration.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        ended(Long.MIN_VALUE);
        campaigner.interrupt();
        try {
            campaigner.join(terms.leaseDuration().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        elector.close();
    }

    private void campaign() {
        while (!closed.get()) {
            long thisTerm;
            synchronized (turns) {
                thisTerm = ++term;
            }
            try {
                elector.run(() -> began(thisTerm), () -> ended(thisTerm));
            } catch (RuntimeException e) {
                LOG.warn("campaigning for Lease \"{}\" as \"{}\": {}; campaigning again in {} ms", terms.lease(),
                        terms.identity(), KubernetesLeaseLock.problem(e), terms.retryPeriod().toMillis(), e);
            }
            if (closed.get()) {
                return;
            }
            try {
                Thread.sleep(terms.retryPeriod().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void began(long thisTerm) {
        synchronized (turns) {
            if (thisTerm != term || closed.get()) {
                return;
            }
            leading = true;
        }
        LOG.info("leading: this replica holds Lease \"{}\" as \"{}\" and runs the periodic reconcile", terms.lease(),
                terms.identity());
    }

    /** The end of a run of the elector, or of campaigning: whatever start callback is still to come is void. */
    private void ended(long thisTerm) {
        boolean was;
        synchronized (turns) {
            term++;
            was = leading;
            leading = false;
        }
        if (was) {
            LOG.info("stopped leading: this replica no longer holds Lease \"{}\" as \"{}\" ({})", terms.lease(),
                    terms.identity(), closed.get() ? "closing; releasing it" : "no renewal within "
                            + terms.renewDeadline().toMillis() + " ms; campaigning again");
        }
    }

    /** What the elector's campaign thread did not expect: a slow answer, or a failure the lock did not report. */
    private void unexpected(Throwable failure) {
        if (closed.get()) {
            return;
        }
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (failure instanceof TimeoutException) {
            LOG.warn("trying to take Lease \"{}\" as \"{}\": no answer within {} ms", terms.lease(), terms.identity(),
                    terms.retryPeriod().toMillis());
        } else {
            LOG.warn("trying to take Lease \"{}\" as \"{}\": {}", terms.lease(), terms.identity(),
                    KubernetesLeaseLock.problem(cause), cause);
        }
    }
}
