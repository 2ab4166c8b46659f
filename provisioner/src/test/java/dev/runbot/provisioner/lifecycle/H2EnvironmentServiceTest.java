package dev.runbot.provisioner.lifecycle;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The lifecycle contract on H2, the embedded default. */
@MicronautTest(transactional = false)
@Property(name = "runbot.data-dir", value = "target/test-data/h2-service")
class H2EnvironmentServiceTest extends EnvironmentServiceContract {
}
