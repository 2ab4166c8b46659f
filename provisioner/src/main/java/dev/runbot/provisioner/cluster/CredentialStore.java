package dev.runbot.provisioner.cluster;

import dev.runbot.provisioner.chart.DatabaseCredentials;
import dev.runbot.provisioner.config.Database;
import dev.runbot.provisioner.environment.Environment;
import java.util.List;
import java.util.Map;

/** Where database credentials live: generated once per environment, then read back for every redeploy. */
public interface CredentialStore {

    /** The credentials of each of {@code databases}: the stored ones, with missing ones newly generated. */
    Map<Database, DatabaseCredentials> credentials(Environment environment, List<Database> databases);
}
