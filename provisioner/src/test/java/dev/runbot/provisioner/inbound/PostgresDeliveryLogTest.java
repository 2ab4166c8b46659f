package dev.runbot.provisioner.inbound;

import dev.runbot.provisioner.EmbeddedPostgres;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/** The delivery log on a real PostgreSQL 17. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "runbot.data-dir", value = "target/test-data/postgres-deliveries")
class PostgresDeliveryLogTest extends DeliveryLogContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedPostgres.freshDatabase();
    }
}
