package dev.runbot.bot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything runbot knows survives a restart on the embedded defaults: environments, pins, token, manifests. */
class RestartTest {

    @TempDir Path dataDir;

    @Test
    void environmentsPinsAndTheTokenSurviveARestart() throws Exception {
        String token;
        try (EmbeddedServer first = start()) {
            token = Files.readString(dataDir.resolve("api-token")).strip();
            ApiClient api = client(first, token);
            assertThat(api.command("/preview up", "acme/shop", 42).status()).isEqualTo(200);
            assertThat(api.command("/preview pin 6h", "acme/shop", 42).status()).isEqualTo(200);
        }

        try (EmbeddedServer second = start()) {
            assertThat(Files.readString(dataDir.resolve("api-token")).strip()).isEqualTo(token);
            ApiClient api = client(second, token);
            ApiClient.Answer shown = api.get("/api/v1/environments/shop-pr-42");
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.object()).containsEntry("state", "ready").containsEntry("dryRun", true);
            assertThat(shown.get("pinnedUntil")).isNotNull();
            assertThat(dataDir.resolve("rendered/shop-pr-42/manifest.yaml")).exists();
            assertThat(api.command("/preview down", "acme/shop", 42).get("title")).isEqualTo("acme/shop#42 is destroyed");
        }
    }

    private EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("runbot.data-dir", dataDir.toString()), "test");
    }

    private static ApiClient client(EmbeddedServer server, String token) {
        return new ApiClient(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class), token);
    }
}
