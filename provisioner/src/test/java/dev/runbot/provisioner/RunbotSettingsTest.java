package dev.runbot.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An installation's name becomes a label value and part of a Lease name, so only what both take is accepted. */
class RunbotSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"runbot", "staging", "dev-alice", "r2"})
    void namesThatAreLabelValuesAndLeaseNamesAreTaken(String instance) {
        assertThat(new RunbotSettings(Path.of("data"), "preview.test", instance).instance()).isEqualTo(instance);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Prod", "dev_alice", "-runbot", "runbot-", "a.b", "x2345678901234567890123456789012345678901"})
    void otherNamesAreRefusedSayingWhatWouldWork(String instance) {
        assertThatThrownBy(() -> new RunbotSettings(Path.of("data"), "preview.test", instance))
                .hasMessage("runbot.instance must be 1 to 40 lower-case letters, digits and inner hyphens (it names a"
                        + " label value and a Lease), not \"" + instance + "\"");
    }
}
