package dev.runbot.provisioner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig file pointing at a test API server, so runbot finds it exactly as it finds a real cluster. */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    /** Writes {@code file} naming {@code serverUrl} as the current context's cluster, and returns it. */
    public static Path write(Path file, String serverUrl) {
        try {
            return Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: mock
                        cluster:
                          server: %s
                    users:
                      - name: runbot
                        user:
                          token: not-a-real-token
                    contexts:
                      - name: mock
                        context:
                          cluster: mock
                          user: runbot
                    current-context: mock
                    """.formatted(serverUrl.replaceAll("/$", "")));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the test kubeconfig " + file, e);
        }
    }
}
