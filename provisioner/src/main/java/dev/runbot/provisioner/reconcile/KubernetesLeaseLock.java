package dev.runbot.provisioner.reconcile;

import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.Lock;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Status;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lease the election is held in, for client-java's {@code LeaderElector}: runbot's own rather
 * than client-java's {@code LeaseLock}, which posts the Lease without {@code apiVersion} and
 * {@code kind} (fabric8's server refuses that) and logs refused writes at ERROR without saying what
 * it was doing.
 *
 * <p>Writes replace the Lease at the resourceVersion last read, so of two replicas acting on the
 * same view of it only one succeeds; the other's 409 is how losing looks, not an error. The lock
 * also remembers when the last write that made this replica the holder was sent, for
 * {@link LeaseLeadership#leading()}.
 */
final class KubernetesLeaseLock implements Lock {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesLeaseLock.class);

    private final CoordinationV1Api api;
    private final LeaseTerms terms;
    /** The Lease as last read or written: the resourceVersion the next write is based on. */
    private final AtomicReference<V1Lease> seen = new AtomicReference<>();
    /** {@link System#nanoTime()} when the last write that made this replica the holder was sent. */
    private volatile OptionalLong heldSince = OptionalLong.empty();

    KubernetesLeaseLock(ApiClient client, LeaseTerms terms) {
        this.api = new CoordinationV1Api(client);
        this.terms = terms;
    }

    /** Whether a write that made this replica the holder was sent less than {@code window} ago. */
    boolean heldWithin(Duration window) {
        OptionalLong since = heldSince;
        return since.isPresent() && System.nanoTime() - since.getAsLong() < window.toNanos();
    }

    @Override
    public LeaderElectionRecord get() throws ApiException {
        try {
            V1Lease lease = api.readNamespacedLease(terms.name(), terms.namespace()).execute();
            seen.set(lease);
            LeaderElectionRecord record = record(lease.getSpec());
            if (!terms.identity().equals(record.getHolderIdentity())) {
                heldSince = OptionalLong.empty();
            }
            return record;
        } catch (ApiException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                failed("reading Lease \"" + terms.lease() + "\" as \"" + terms.identity() + "\"", e);
            }
            throw e;
        } catch (RuntimeException e) {
            failed("reading Lease \"" + terms.lease() + "\" as \"" + terms.identity() + "\"", e);
            throw new ApiException(e);
        }
    }

    @Override
    public boolean create(LeaderElectionRecord record) {
        String what = "creating Lease \"" + terms.lease() + "\" as \"" + terms.identity() + "\"";
        V1Lease lease = new V1Lease().apiVersion("coordination.k8s.io/v1").kind("Lease")
                .metadata(new V1ObjectMeta().name(terms.name()).namespace(terms.namespace()))
                .spec(spec(record));
        long sent = System.nanoTime();
        try {
            V1Lease created = api.createNamespacedLease(terms.namespace(), lease).execute();
            wrote(created, record, sent);
            return true;
        } catch (ApiException e) {
            refused(what, e, "another replica created it first");
            return false;
        } catch (RuntimeException e) {
            failed(what, e);
            return false;
        }
    }

    @Override
    public boolean update(LeaderElectionRecord record) {
        V1Lease base = seen.get();
        if (base == null) {
            return false;
        }
        String what = doing(base, record);
        V1Lease lease = new V1Lease().apiVersion("coordination.k8s.io/v1").kind("Lease")
                .metadata(base.getMetadata()).spec(spec(record));
        long sent = System.nanoTime();
        try {
            V1Lease replaced = api.replaceNamespacedLease(terms.name(), terms.namespace(), lease).execute();
            wrote(replaced, record, sent);
            if (record.getHolderIdentity() == null) {
                LOG.info("released Lease \"{}\" held by \"{}\": another replica can lead at once", terms.lease(),
                        terms.identity());
            }
            return true;
        } catch (ApiException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                heldSince = OptionalLong.empty();
            }
            refused(what, e, "another replica wrote it since it was read");
            return false;
        } catch (RuntimeException e) {
            failed(what, e);
            return false;
        }
    }

    @Override
    public String identity() {
        return terms.identity();
    }

    @Override
    public String describe() {
        return terms.lease();
    }

    private void wrote(V1Lease lease, LeaderElectionRecord record, long sent) {
        seen.set(lease);
        heldSince = terms.identity().equals(record.getHolderIdentity()) ? OptionalLong.of(sent) : OptionalLong.empty();
    }

    private void refused(String what, ApiException e, String conflictMeans) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
            LOG.debug("{}: 409, {}", what, conflictMeans);
        } else {
            failed(what, e);
        }
    }

    /**
     * A call that went wrong, at WARN — unless the elector cancelled it (it took longer than the
     * elector waits, which the elector reports) or the replica is closing.
     */
    private static void failed(String what, Throwable e) {
        if (cancelled(e)) {
            LOG.debug("{}: cancelled ({})", what, problem(e));
        } else {
            LOG.warn("{}: {}", what, problem(e));
        }
    }

    private static boolean cancelled(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Exactly: its subclass SocketTimeoutException is a read that timed out, worth a warning.
            if (cause.getClass() == InterruptedIOException.class || cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /** {@code renewing Lease "runbot/runbot-reconciler" as "runbot-5d8-x2k4p"}, and the like. */
    private String doing(V1Lease base, LeaderElectionRecord record) {
        String as = "Lease \"" + terms.lease() + "\" as \"" + terms.identity() + "\"";
        String holder = base.getSpec() == null ? null : base.getSpec().getHolderIdentity();
        if (record.getHolderIdentity() == null) {
            return "releasing " + as;
        }
        if (terms.identity().equals(holder)) {
            return "renewing " + as;
        }
        return holder == null || holder.isEmpty() ? "taking free " + as
                : "taking over " + as + " from \"" + holder + "\"";
    }

    private static LeaderElectionRecord record(V1LeaseSpec spec) {
        LeaderElectionRecord record = new LeaderElectionRecord();
        if (spec == null) {
            return record;
        }
        record.setHolderIdentity(spec.getHolderIdentity() == null || spec.getHolderIdentity().isEmpty()
                ? null : spec.getHolderIdentity());
        record.setLeaseDurationSeconds(Objects.requireNonNullElse(spec.getLeaseDurationSeconds(), 0));
        record.setLeaderTransitions(Objects.requireNonNullElse(spec.getLeaseTransitions(), 0));
        if (spec.getAcquireTime() != null) {
            record.setAcquireTime(Date.from(spec.getAcquireTime().toInstant()));
        }
        if (spec.getRenewTime() != null) {
            record.setRenewTime(Date.from(spec.getRenewTime().toInstant()));
        }
        return record;
    }

    private static V1LeaseSpec spec(LeaderElectionRecord record) {
        return new V1LeaseSpec()
                .holderIdentity(record.getHolderIdentity())
                .leaseDurationSeconds(record.getLeaseDurationSeconds())
                .leaseTransitions(record.getLeaderTransitions())
                .acquireTime(time(record.getAcquireTime()))
                .renewTime(time(record.getRenewTime()));
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }

    /** {@code 403 Forbidden: leases.coordination.k8s.io "runbot-reconciler" is forbidden: ...}, or why there was no answer. */
    static String problem(Throwable failure) {
        if (failure instanceof ApiException api && api.getCode() > 0) {
            return api.getCode() + statusOf(api.getResponseBody());
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "no answer (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    private static String statusOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            V1Status status = JSON.deserialize(body, V1Status.class);
            if (status != null && (status.getReason() != null || status.getMessage() != null)) {
                return (status.getReason() == null ? "" : " " + status.getReason())
                        + (status.getMessage() == null ? "" : ": " + status.getMessage());
            }
        } catch (RuntimeException e) {
            // Not a Kubernetes Status (a proxy's page, say): quote the start of it instead.
        }
        String text = body.strip().replaceAll("\\s+", " ");
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
