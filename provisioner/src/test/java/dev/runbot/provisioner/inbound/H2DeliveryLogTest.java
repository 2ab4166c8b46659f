package dev.runbot.provisioner.inbound;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The delivery log on H2, the embedded default. */
@MicronautTest(transactional = false)
@Property(name = "runbot.data-dir", value = "target/test-data/h2-deliveries")
class H2DeliveryLogTest extends DeliveryLogContract {
}
