package dev.runbot.provisioner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Lease is, who campaigns for it, and how the election's timings follow from the lease duration. */
class LeaseTermsTest {

    @TempDir Path dir;

    @Test
    void theConfiguredNamespaceWinsOverThePodsOwn() throws IOException {
        Path podNamespace = Files.writeString(dir.resolve("namespace"), "runbot-system\n");

        assertThat(LeaseTerms.namespace("previews", podNamespace)).isEqualTo("previews");
        assertThat(LeaseTerms.namespace(null, podNamespace)).isEqualTo("runbot-system");
        assertThat(LeaseTerms.namespace("  ", podNamespace)).isEqualTo("runbot-system");
    }

    @Test
    void outsideAPodTheNamespaceIsDefault() throws IOException {
        assertThat(LeaseTerms.namespace(null, dir.resolve("absent"))).isEqualTo("default");
        assertThat(LeaseTerms.namespace(null, Files.writeString(dir.resolve("empty"), "\n"))).isEqualTo("default");
    }

    @Test
    void theIdentityIsThePodNameAndARandomSuffixSoTwoProcessesOnOneHostDiffer() {
        Map<String, String> pod = Map.of("HOSTNAME", "runbot-7d9f8c6b5-x2k4p");
        Random random = new Random(42);

        String one = LeaseTerms.identity(pod, random);
        String two = LeaseTerms.identity(pod, random);

        assertThat(one).matches("runbot-7d9f8c6b5-x2k4p-[a-z0-9]{5}");
        assertThat(two).startsWith("runbot-7d9f8c6b5-x2k4p-").isNotEqualTo(one);
    }

    @Test
    void withoutHostnameTheIdentityStillNamesAHost() {
        assertThat(LeaseTerms.identity(Map.of(), new Random(1))).matches(".+-[a-z0-9]{5}");
    }

    @Test
    void renewDeadlineAndRetryPeriodFollowTheLeaseInClientGosProportions() {
        LeaseTerms standard = new LeaseTerms("runbot", LeaseTerms.NAME, "replica-a", Duration.ofSeconds(15));
        LeaseTerms quick = new LeaseTerms("runbot", LeaseTerms.NAME, "replica-a", Duration.ofSeconds(1));

        assertThat(standard.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(standard.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(quick.renewDeadline()).isEqualTo(Duration.ofMillis(666));
        assertThat(quick.retryPeriod()).isEqualTo(Duration.ofMillis(133));
        assertThat(standard.lease()).isEqualTo("runbot/runbot-reconciler");
    }

    @Test
    void aLeaseShorterThanASecondIsRefusedAtStartup() {
        assertThatThrownBy(() -> new LeaseTerms("runbot", LeaseTerms.NAME, "replica-a", Duration.ofMillis(500)))
                .hasMessage("runbot.reconcile.lease-duration must be at least 1s (a Lease counts whole seconds), not 500ms");
    }

    @Test
    void theTermsComeFromTheSettings() throws IOException {
        ReconcileSettings settings = new ReconcileSettings(Duration.ofMinutes(10), Duration.ofSeconds(20),
                Duration.ofMinutes(5), null, true);

        LeaseTerms terms = LeaseTerms.of(settings, "runbot", Map.of("HOSTNAME", "runbot-0"),
                Files.writeString(dir.resolve("namespace"), "tools"), new Random(7));

        assertThat(terms.namespace()).isEqualTo("tools");
        assertThat(terms.name()).isEqualTo("runbot-reconciler");
        assertThat(terms.identity()).startsWith("runbot-0-");
        assertThat(terms.leaseDuration()).isEqualTo(Duration.ofSeconds(20));
    }
}
