package dev.runbot.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.Environment;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A piece of work's log fields are there while it runs and gone after, however it ends; nested ones give way cleanly. */
class LogContextTest {

    static final PullRequestRef SHOP_42 = new PullRequestRef(new RepositoryName("acme", "shop"), 42);

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aDeliveryAndItsPullRequestAreOnTheThreadUntilClosed() {
        try (LogContext context = LogContext.delivery("72d3162e-cc78-11e3-81ab-4c9367dc0958").with(SHOP_42)) {
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                    "repository", "acme/shop", "pull_request", "42"));
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anEnvironmentWithinADeliveryAddsItsNameAndLeavesTheDeliveryAsItWas() {
        Environment environment = new Environment.Builder().pullRequest(SHOP_42).name("shop-pr-42").build();
        try (LogContext outer = LogContext.delivery("outbox:17")) {
            try (LogContext inner = LogContext.environment(environment)) {
                assertThat(MDC.getCopyOfContextMap()).containsEntry("environment", "shop-pr-42")
                        .containsEntry("repository", "acme/shop").containsEntry("pull_request", "42")
                        .containsEntry("delivery", "outbox:17");
            }
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("delivery", "outbox:17"));
            try (LogContext inner = LogContext.delivery("delivery-9")) {
                assertThat(MDC.get("delivery")).isEqualTo("delivery-9");
            }
            assertThat(MDC.get("delivery")).as("the outer delivery is back").isEqualTo("outbox:17");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void fieldsAddedToAnOpenContextEndWithItEvenWhenTheWorkThrows() {
        assertThatThrownBy(() -> {
            try (LogContext context = LogContext.delivery("d-1")) {
                context.with("acme/shop", 7);
                throw new IllegalStateException("the work failed");
            }
        }).hasMessage("the work failed");
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void blankValuesAreLeftOutAndLongOnesCut() {
        try (LogContext context = LogContext.delivery(" ").with("acme/shop", 0)) {
            assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("repository", "acme/shop"));
        }
        try (LogContext context = LogContext.delivery("x".repeat(500))) {
            assertThat(MDC.get("delivery")).hasSize(128);
        }
        try (LogContext context = LogContext.none()) {
            assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
