package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GitHub's own test vector, and every way a signature can be wrong. */
class WebhookSignatureTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String GITHUB_VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void githubsPublishedVectorMatches() {
        assertThat(signature.header(BODY)).isEqualTo(GITHUB_VECTOR);
        assertThat(signature.matches(BODY, GITHUB_VECTOR)).isTrue();
    }

    @Test
    void oneChangedByteOfTheBodyFails() {
        byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

        assertThat(signature.matches(tampered, GITHUB_VECTOR)).isFalse();
    }

    @Test
    void anotherSecretFails() {
        assertThat(new WebhookSignature("It's a Secret to Somebody").matches(BODY, GITHUB_VECTOR)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59",
            "sha512=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e170",
            "sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18",
            "sha256= 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1"})
    void missingMalformedOrWrongAlgorithmSignaturesFail(String header) {
        assertThat(signature.matches(BODY, header)).isFalse();
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> new WebhookSignature("")).hasMessage("a webhook secret is required to check signatures");
    }
}
