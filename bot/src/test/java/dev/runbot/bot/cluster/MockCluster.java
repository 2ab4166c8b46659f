package dev.runbot.bot.cluster;

import dev.runbot.provisioner.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes API server in CRUD mode on a loopback port, with a kubeconfig file that
 * points at it — so runbot finds it exactly as it finds a real cluster.
 */
public final class MockCluster implements AutoCloseable {

    /** The server logs every request through java.util.logging; kept here so the level sticks. */
    private static final java.util.logging.Logger SERVER_LOG = quiet();

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Path kubeconfig;

    public MockCluster(Path dir) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        kubeconfig = Kubeconfigs.write(dir.resolve("kubeconfig"), server.url("/"));
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The next {@code times} GETs of exactly {@code path} (query included, as sent) answer 500, as an API server in trouble does. */
    public void failGets(String path, int times) {
        server.expect().get().withPath(path).andReturn(500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"etcdserver: request timed out\",\"code\":500}").times(times);
    }

    /** The requests the server took since the last call, as {@code GET /api/v1/namespaces?labelSelector=...}. */
    public List<String> takeRequests() {
        List<String> taken = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                taken.add(request.getMethod() + " " + URLDecoder.decode(request.getPath(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return taken;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
