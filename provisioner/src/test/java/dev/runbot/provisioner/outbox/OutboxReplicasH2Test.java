package dev.runbot.provisioner.outbox;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Two replicas sharing one outbox on H2, the embedded default. */
@MicronautTest(transactional = false)
@Property(name = "runbot.data-dir", value = "target/test-data/h2-outbox-replicas")
class OutboxReplicasH2Test extends OutboxReplicasContract {
}
