package dev.runbot.provisioner.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.model.query.builder.sql.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The embedded default's file path and the dialect that follows from a URL. */
class DatabaseDefaultsTest {

    @Test
    void aRelativeH2FileBecomesAbsoluteKeepingItsOptions() {
        String absolute = H2FilePath.absolute("jdbc:h2:file:runbot-data/runbot;DATABASE_TO_LOWER=TRUE");

        assertThat(absolute).isEqualTo("jdbc:h2:file:" + Path.of("runbot-data/runbot").toAbsolutePath().normalize()
                + ";DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void absoluteHomeAndDotPathsAreLeftAsH2ReadsThem() {
        assertThat(H2FilePath.absolute("jdbc:h2:file:/var/lib/runbot/db")).isEqualTo("jdbc:h2:file:/var/lib/runbot/db");
        assertThat(H2FilePath.absolute("jdbc:h2:file:~/runbot")).isEqualTo("jdbc:h2:file:~/runbot");
        assertThat(H2FilePath.absolute("jdbc:h2:file:./data/runbot"))
                .isEqualTo("jdbc:h2:file:" + Path.of("data/runbot").toAbsolutePath().normalize());
    }

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(DialectFromUrl.dialectOf("jdbc:postgresql://db:5432/runbot")).isEqualTo(Dialect.POSTGRES);
        assertThat(DialectFromUrl.dialectOf("jdbc:h2:file:/data/runbot")).isEqualTo(Dialect.H2);
        assertThat(DialectFromUrl.dialectOf("")).isEqualTo(Dialect.H2);
    }
}
