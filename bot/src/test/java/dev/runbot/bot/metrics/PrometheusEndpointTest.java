package dev.runbot.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.EndToEnd;
import dev.runbot.bot.TestDirectories;
import dev.runbot.bot.api.ApiClient;
import dev.runbot.bot.reconcile.ReconcileLoop;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Prometheus scrapes {@code /prometheus} without a token and finds what runbot did: commands, environments, passes,
 * backlog, and how fast the API answered.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusEndpointTest implements TestPropertyProvider {

    final Path dataDir = TestDirectories.temporary("prometheus");

    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject ReconcileLoop loop;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("runbot.data-dir", dataDir.toString(), "runbot.reconcile.interval", "1h");
    }

    @Test
    void theScrapeShowsCommandsByVerbChannelAndOutcomeEnvironmentsByStateAndThePasses() throws IOException {
        ApiClient api = new ApiClient(server.getURI(), json, Files.readString(dataDir.resolve("api-token")).strip());
        api.command("/preview up", "acme/shop", 7);
        api.command("/preview up", "acme/shop", 8);
        api.command("/preview down", "acme/shop", 8);
        api.command("/preview pin 99h", "acme/shop", 7);
        loop.pass();

        HttpResponse<String> scrape = EndToEnd.send(HttpRequest.newBuilder(server.getURI().resolve("/prometheus")).GET()
                .build());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains(
                "runbot_commands_total{channel=\"api\",outcome=\"done\",verb=\"up\"} 2.0",
                "runbot_commands_total{channel=\"api\",outcome=\"done\",verb=\"down\"} 1.0",
                "runbot_commands_total{channel=\"api\",outcome=\"refused\",verb=\"pin\"} 1.0",
                "runbot_environments{state=\"ready\"} 1.0",
                "runbot_environments{state=\"destroyed\"} 1.0",
                "runbot_outbox_pending ",
                "runbot_ack_seconds_count{source=\"api\"} 4\n");
        // The scheduler's first pass may have run too; the test's own is counted either way.
        assertThat(scrape.body()).containsPattern("runbot_reconcile_pass_seconds_count [1-9]");
    }
}
