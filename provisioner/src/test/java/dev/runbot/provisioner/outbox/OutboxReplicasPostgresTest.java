package dev.runbot.provisioner.outbox;

import dev.runbot.provisioner.EmbeddedPostgres;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** Two replicas sharing one outbox on a real PostgreSQL 17, as in production. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "runbot.data-dir", value = "target/test-data/postgres-outbox-replicas")
class OutboxReplicasPostgresTest extends OutboxReplicasContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedPostgres.freshDatabase();
    }
}
