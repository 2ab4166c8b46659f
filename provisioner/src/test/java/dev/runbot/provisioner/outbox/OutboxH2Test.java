package dev.runbot.provisioner.outbox;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The outbox contract on H2, the embedded default. */
@MicronautTest(transactional = false)
@Property(name = "runbot.data-dir", value = "target/test-data/h2-outbox")
class OutboxH2Test extends OutboxContract {
}
