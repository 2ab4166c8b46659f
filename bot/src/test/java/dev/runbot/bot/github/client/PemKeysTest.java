package dev.runbot.bot.github.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both PEM forms of a GitHub App key, from text or a file, and refusals that never echo the key. */
class PemKeysTest {

    static final byte[] EXPECTED = TestKeys.APP_KEY.getPrivate().getEncoded();

    @Test
    void readsPkcs8() {
        assertThat(PemKeys.read(TestKeys.pkcs8Pem()).getEncoded()).isEqualTo(EXPECTED);
    }

    @Test
    void readsThePkcs1KeyGitHubHandsOut() {
        PrivateKey key = PemKeys.read(TestKeys.pkcs1Pem());

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(EXPECTED);
    }

    @Test
    void readsAKeyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("app.pem"), TestKeys.pkcs1Pem());

        assertThat(PemKeys.read("file:" + file).getEncoded()).isEqualTo(EXPECTED);
    }

    @Test
    void readsAKeyWhoseLineBreaksAnEnvironmentVariableEscaped() {
        String escaped = TestKeys.pkcs8Pem().replace("\n", "\\n");

        assertThat(PemKeys.read(escaped).getEncoded()).isEqualTo(EXPECTED);
    }

    @Test
    void refusesTextThatIsNoPem() {
        assertThatThrownBy(() -> PemKeys.read("ghp_notakey")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no PEM private key").hasMessageNotContaining("ghp_notakey");
    }

    @Test
    void refusesAPemWhoseContentIsNoKeyWithoutQuotingIt() {
        String broken = TestKeys.pem("PRIVATE KEY", "this is not DER at all".getBytes());

        assertThatThrownBy(() -> PemKeys.read(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("runbot.github.private-key is no valid RSA private key")
                .hasMessageNotContaining("dGhpcyBpcyBub3QgREVS");
    }

    @Test
    void refusesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> PemKeys.read("file:" + dir.resolve("absent.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent.pem");
    }
}
