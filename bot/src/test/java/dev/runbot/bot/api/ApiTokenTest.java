package dev.runbot.bot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured token replaces the generated one; a weak one stops runbot before it serves anything. */
class ApiTokenTest {

    @TempDir Path dataDir;

    @Test
    void aConfiguredTokenIsTheOnlyOneAcceptedAndNoFileIsWritten() {
        String configured = "a-long-configured-token-0123456789";
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("runbot.data-dir", dataDir.toString(), "runbot.api.token", configured), "test")) {
            JsonMapper json = server.getApplicationContext().getBean(JsonMapper.class);

            assertThat(new ApiClient(server.getURI(), json, configured).get("/api/v1/environments").status())
                    .isEqualTo(200);
            assertThat(new ApiClient(server.getURI(), json, configured + "x").get("/api/v1/environments").status())
                    .isEqualTo(401);
            assertThat(dataDir.resolve("api-token")).doesNotExist();
        }
    }

    @Test
    void aShortConfiguredTokenRefusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class,
                Map.of("runbot.data-dir", dataDir.toString(), "runbot.api.token", "short"), "test"))
                .rootCause()
                .hasMessage("runbot.api.token is shorter than 16 characters; use a long random token or leave it unset"
                        + " to have one generated");
    }

    @Test
    void aTokenFileWithoutATokenRefusesToStartNamingTheFile() throws Exception {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("api-token"), "\n");

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class,
                Map.of("runbot.data-dir", dataDir.toString()), "test"))
                .rootCause()
                .hasMessageContaining(dataDir.resolve("api-token").toAbsolutePath().toString())
                .hasMessageContaining("holds no usable API token");
    }
}
