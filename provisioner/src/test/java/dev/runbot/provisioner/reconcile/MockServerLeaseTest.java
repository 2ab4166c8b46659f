package dev.runbot.provisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What fabric8's CRUD server does with Leases, asked through the official client: the election is
 * only as safe as these answers, and a real API server gives the same ones (except where noted).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class MockServerLeaseTest {

    static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    static final AtomicInteger NAMES = new AtomicInteger();

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    static KubernetesMockServer server;

    CoordinationV1Api leases;
    String name;

    @BeforeEach
    void api() {
        leases = new CoordinationV1Api(new ClientBuilder().setBasePath(server.url("/").replaceAll("/$", "")).build());
        name = "lease-" + NAMES.incrementAndGet();
    }

    @Test
    void readingALeaseThatDoesNotExistAnswers404() {
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> leases.readNamespacedLease(name, "runbot").execute());

        assertThat(missing.getCode()).isEqualTo(404);
    }

    @Test
    void creatingALeaseThatExistsAnswers409() throws ApiException {
        leases.createNamespacedLease("runbot", lease("replica-a")).execute();

        ApiException conflict = catchThrowableOfType(ApiException.class,
                () -> leases.createNamespacedLease("runbot", lease("replica-b")).execute());

        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(leases.readNamespacedLease(name, "runbot").execute().getSpec().getHolderIdentity()).isEqualTo("replica-a");
    }

    @Test
    void replacingWithAStaleResourceVersionAnswers409AndKeepsTheWinner() throws ApiException {
        leases.createNamespacedLease("runbot", lease("replica-a")).execute();
        V1Lease seenByA = leases.readNamespacedLease(name, "runbot").execute();
        V1Lease seenByB = leases.readNamespacedLease(name, "runbot").execute();

        V1Lease renewed = leases.replaceNamespacedLease(name, "runbot", seenByA.spec(spec("replica-a"))).execute();
        ApiException conflict = catchThrowableOfType(ApiException.class,
                () -> leases.replaceNamespacedLease(name, "runbot", seenByB.spec(spec("replica-b"))).execute());

        assertThat(renewed.getMetadata().getResourceVersion()).isNotEqualTo(seenByA.getMetadata().getResourceVersion());
        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(leases.readNamespacedLease(name, "runbot").execute().getSpec().getHolderIdentity()).isEqualTo("replica-a");
    }

    @Test
    void eachChangedRenewalGetsANewResourceVersion() throws ApiException {
        V1Lease created = leases.createNamespacedLease("runbot", lease("replica-a")).execute();

        V1Lease first = leases.replaceNamespacedLease(name, "runbot", created.spec(spec("replica-a"))).execute();
        V1Lease second = leases.replaceNamespacedLease(name, "runbot", first.spec(spec("replica-a"))).execute();

        assertThat(second.getMetadata().getResourceVersion()).isNotEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void replacingALeaseThatDoesNotExistAnswers404() {
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> leases.replaceNamespacedLease(name, "runbot", lease("replica-a")).execute());

        assertThat(missing.getCode()).isEqualTo(404);
    }

    /**
     * Unlike a real API server, which takes the kind from the URL, the CRUD server refuses an
     * object without {@code apiVersion} and {@code kind} — as client-java's LeaseLock sends it.
     */
    @Test
    void creatingWithoutKindIsRefusedHereThoughARealServerAcceptsIt() {
        V1Lease bare = new V1Lease().metadata(new V1ObjectMeta().name(name).namespace("runbot")).spec(spec("replica-a"));

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> leases.createNamespacedLease("runbot", bare).execute());

        assertThat(refused.getCode()).isEqualTo(422);
    }

    /** Which is why runbot's lock is its own: client-java's LeaseLock could never create the Lease here. */
    @Test
    void clientJavasLeaseLockCannotCreateTheLeaseHere() {
        LeaseLock lock = new LeaseLock("runbot", name, "replica-a", leases.getApiClient());
        Date now = new Date();

        assertThat(lock.create(new LeaderElectionRecord("replica-a", 15, now, now, 0))).isFalse();
        assertThat(catchThrowableOfType(ApiException.class, lock::get).getCode()).isEqualTo(404);
    }

    private V1Lease lease(String holder) {
        return new V1Lease().apiVersion("coordination.k8s.io/v1").kind("Lease")
                .metadata(new V1ObjectMeta().name(name).namespace("runbot")).spec(spec(holder));
    }

    private static V1LeaseSpec spec(String holder) {
        return new V1LeaseSpec().holderIdentity(holder).leaseDurationSeconds(15)
                .renewTime(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    }
}
