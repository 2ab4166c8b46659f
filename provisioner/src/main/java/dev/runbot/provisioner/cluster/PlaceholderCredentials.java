package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.DatabaseCredentials;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.environment.Environment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credentials for the dry-run cluster: nothing is applied, so nothing needs a real secret, and
 * the manifests written to disk hold an obvious placeholder instead of a password.
 */
public class PlaceholderCredentials implements CredentialStore {

    static final String PLACEHOLDER = "dry-run-placeholder-not-a-secret";

    @Override
    public Map<Database, DatabaseCredentials> credentials(Environment environment, List<Database> databases) {
        Map<Database, DatabaseCredentials> credentials = new LinkedHashMap<>();
        for (Database database : databases) {
            credentials.put(database, new DatabaseCredentials("app", "app", PLACEHOLDER));
        }
        return credentials;
    }
}
