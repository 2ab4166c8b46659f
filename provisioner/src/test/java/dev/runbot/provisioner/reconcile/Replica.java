package dev.runbot.provisioner.reconcile;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One runbot replica as far as the election goes: its own API client to the server and its
 * {@link LeaseLeadership}. The test can cut the client off — every call then fails at once, as for
 * a replica that died, froze or lost the network — and connect it again.
 */
final class Replica implements AutoCloseable {

    final LeaseTerms terms;
    final LeaseLeadership leadership;
    private final AtomicBoolean cutOff;

    private Replica(LeaseTerms terms, ApiClient client, AtomicBoolean cutOff) {
        this.terms = terms;
        this.cutOff = cutOff;
        this.leadership = new LeaseLeadership(client, terms);
        this.leadership.start();
    }

    /** Starts a replica campaigning for the Lease {@code namespace/name} on the server at {@code url}. */
    static Replica start(String url, String namespace, String name, String identity, Duration lease) {
        return start(url, new LeaseTerms(namespace, name, identity, lease), false);
    }

    /** The same, with its connection cut from the start. */
    static Replica startCutOff(String url, String namespace, String name, String identity, Duration lease) {
        return start(url, new LeaseTerms(namespace, name, identity, lease), true);
    }

    private static Replica start(String url, LeaseTerms terms, boolean cut) {
        ApiClient client = new ClientBuilder().setBasePath(url.replaceAll("/$", "")).build();
        AtomicBoolean cutOff = new AtomicBoolean(cut);
        client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(chain -> {
            if (cutOff.get()) {
                throw new IOException("cut off by the test");
            }
            return chain.proceed(chain.request());
        }).build());
        return new Replica(terms, client, cutOff);
    }

    boolean leading() {
        return leadership.leading();
    }

    String identity() {
        return terms.identity();
    }

    /** From now on every call to the API fails without an answer. */
    void cutOff() {
        cutOff.set(true);
    }

    void reconnect() {
        cutOff.set(false);
    }

    @Override
    public void close() {
        leadership.close();
    }
}
