package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.DatabaseCredentials;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.environment.Environment;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SecretList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Database credentials kept where they belong: in the Secret {@code <database>-credentials} of the
 * environment's namespace. Read back before every render so a redeploy keeps them; generated
 * (32 random characters) only when the Secret does not exist yet. Never logged.
 */
public class KubernetesCredentialStore implements CredentialStore {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String DATABASE = "database";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 32;

    private final GenericKubernetesApi<V1Secret, V1SecretList> secrets;
    private final KubernetesCalls calls;
    private final SecureRandom random = new SecureRandom();

    KubernetesCredentialStore(ApiClient client, KubernetesCalls calls) {
        this.secrets = new GenericKubernetesApi<>(V1Secret.class, V1SecretList.class, "", "v1", "secrets", client);
        this.calls = calls;
    }

    /** The name of the Secret holding a database's credentials; the chart's templates use the same. */
    private static String secretName(Database database) {
        return database.key() + "-credentials";
    }

    @Override
    public Map<Database, DatabaseCredentials> credentials(Environment environment, List<Database> databases) {
        Map<Database, DatabaseCredentials> credentials = new LinkedHashMap<>();
        for (Database database : databases) {
            credentials.put(database, stored(environment.namespace(), database).orElseGet(this::generate));
        }
        return credentials;
    }

    private Optional<DatabaseCredentials> stored(String namespace, Database database) {
        String name = secretName(database);
        KubernetesApiResponse<V1Secret> response = calls.call(
                "reading Secret \"" + name + "\" in namespace \"" + namespace + "\"", () -> secrets.get(namespace, name));
        if (response.getHttpStatusCode() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw new IllegalStateException("reading Secret \"" + name + "\" in namespace \"" + namespace
                    + "\" failed: " + KubernetesCalls.describe(response));
        }
        Map<String, String> values = values(response.getObject());
        if (!values.containsKey(PASSWORD) || !values.containsKey(USERNAME)) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseCredentials(values.getOrDefault(DATABASE, "app"), values.get(USERNAME),
                values.get(PASSWORD)));
    }

    /**
     * The Secret's values. An API server turns {@code stringData} into {@code data} when it stores
     * a Secret; reading both keeps this correct for servers that store what they were sent.
     */
    private static Map<String, String> values(V1Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key, text(value)));
        }
        return values;
    }

    private DatabaseCredentials generate() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new DatabaseCredentials("app", "app", password.toString());
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
