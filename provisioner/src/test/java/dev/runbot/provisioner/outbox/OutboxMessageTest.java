package dev.runbot.provisioner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxMessageTest {

    @Test
    void anErrorIsCutTo2000CharactersWithoutSplittingACharacter() {
        assertThat(OutboxMessage.cut("x".repeat(2000))).isEqualTo("x".repeat(2000));
        assertThat(OutboxMessage.cut("x".repeat(2001))).isEqualTo("x".repeat(1999) + "…");
        assertThat(OutboxMessage.cut("x".repeat(1997) + "🚀🚀🚀")).isEqualTo("x".repeat(1997) + "🚀…");
        assertThat(OutboxMessage.cut("x".repeat(1998) + "🚀🚀")).isEqualTo("x".repeat(1998) + "…");
        assertThat(OutboxMessage.cut("")).isEqualTo("no reason given");
    }
}
