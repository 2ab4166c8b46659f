package dev.runbot.provisioner.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.MutableClock;
import dev.runbot.provisioner.TestClockFactory;
import dev.runbot.provisioner.config.PreviewConfig;
import dev.runbot.provisioner.environment.AuditEntry;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.environment.EnvironmentStore;
import dev.runbot.provisioner.lifecycle.EnvironmentEvent.Type;
import dev.runbot.provisioner.lifecycle.ServiceResult.Changed;
import dev.runbot.provisioner.lifecycle.ServiceResult.Refusal;
import dev.runbot.provisioner.lifecycle.ServiceResult.Refused;
import dev.runbot.provisioner.lifecycle.ServiceResult.Unchanged;
import dev.runbot.provisioner.reconcile.EnvironmentReconciler;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle rules against a real database. Subclasses run it on H2 and on PostgreSQL, so the
 * migrations and generated queries are proven on both.
 */
abstract class EnvironmentServiceContract {

    static final RepositoryName SHOP = RepositoryName.parse("acme/shop").orElseThrow();
    static final PullRequestRef PR_42 = new PullRequestRef(SHOP, 42);
    static final Requester OCTOCAT = new Requester("octocat", Channel.API);

    @Inject EnvironmentService service;
    @Inject EnvironmentReconciler reconciler;
    @Inject EnvironmentStore store;
    @Inject MutableClock clock;
    @Inject Deadlines deadlines;
    @Inject JdbcOperations jdbc;

    @BeforeEach
    void emptyDatabase() {
        clock.set(TestClockFactory.START);
        jdbc.execute(connection -> {
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM audit_entry");
                statement.executeUpdate("DELETE FROM environment");
            }
            return null;
        });
    }

    @Test
    void upCreatesAnEnvironmentNamedAfterTheRepositoryWithTheDefaultTtl() {
        Changed created = (Changed) up(PR_42, Optional.empty(), "abc1234def5678");

        Environment environment = created.environment();
        assertThat(environment.name()).isEqualTo("shop-pr-42");
        assertThat(environment.namespace()).isEqualTo("shop-pr-42");
        assertThat(environment.url()).isEqualTo("https://shop-pr-42.preview.test");
        assertThat(environment.image()).isEqualTo("ghcr.io/acme/shop:pr-42-abc1234");
        assertThat(environment.state()).isEqualTo(EnvironmentState.PENDING);
        assertThat(environment.desiredState()).isEqualTo(DesiredState.UP);
        assertThat(environment.expiresAt()).isEqualTo(TestClockFactory.START.plus(Duration.ofHours(72)));
        assertThat(environment.requestedBy()).isEqualTo("octocat");
        assertThat(created.events()).extracting(EnvironmentEvent::type).containsExactly(Type.CREATED);
        assertThat(store.findById(environment.id())).contains(environment);
    }

    @Test
    void anEnvironmentIsClaimedByOneWorkerAtATimeUntilReleasedOrRunOut() {
        long id = ((Changed) up(PR_42, Optional.empty(), "abc1234def5678")).environment().id();
        Instant now = clock.instant();

        assertThat(store.claim(id, "replica-a", now.plusSeconds(30), now)).isEqualTo(1);
        assertThat(store.claim(id, "replica-b", now.plusSeconds(30), now)).as("held by replica-a").isZero();
        assertThat(store.release(id, "replica-b")).as("not replica-b's to let go").isZero();
        assertThat(store.claim(id, "replica-b", now.plusSeconds(30), now.plusSeconds(10))).isZero();
        assertThat(store.claim(id, "replica-b", now.plusSeconds(61), now.plusSeconds(31))).as("run out").isEqualTo(1);
        assertThat(store.release(id, "replica-b")).isEqualTo(1);
        assertThat(store.claim(id, "replica-a", now.plusSeconds(30), now)).as("released").isEqualTo(1);
    }

    @Test
    void theReconcilerLeavesAnEnvironmentAnotherWorkerClaimedUntilTheClaimRunsOut() {
        long id = ((Changed) up(PR_42, Optional.empty(), "abc1234def5678")).environment().id();
        Instant now = clock.instant();
        store.claim(id, "a replica that died", now.plusSeconds(30), now);

        assertThat(reconciler.converge(id)).isEmpty();
        assertThat(store.findById(id).orElseThrow().state()).isEqualTo(EnvironmentState.PENDING);

        clock.advance(Duration.ofSeconds(31));
        assertThat(reconciler.converge(id)).extracting(EnvironmentEvent::type).containsExactly(Type.READY);
        assertThat(store.claim(id, "the next worker", clock.instant().plusSeconds(30), clock.instant()))
                .as("the reconciler let go when done").isEqualTo(1);
    }

    @Test
    void anUnpinnedEnvironmentIsWarnedOnceAnHourBeforeItsExpiryAndDestroyedWhenItComes() {
        long id = ((Changed) up(PR_42, Optional.of(Duration.ofHours(12)), "abc1234")).environment().id();

        clock.advance(Duration.ofHours(10).plusMinutes(59));
        assertThat(deadlines.apply()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<EnvironmentEvent> warned = deadlines.apply();
        assertThat(warned).extracting(EnvironmentEvent::type).containsExactly(Type.EXPIRING);
        assertThat(warned.get(0).detail()).isEqualTo("expires at 2026-11-20 22:00 UTC");
        assertThat(deadlines.apply()).as("one warning per expiry").isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(deadlines.apply()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        List<EnvironmentEvent> expired = deadlines.apply();

        assertThat(expired).extracting(EnvironmentEvent::type).containsExactly(Type.DESTROYING);
        assertThat(expired.get(0).detail()).isEqualTo("it expired at 2026-11-20 22:00 UTC");
        assertThat(expired.get(0).by()).isEqualTo(Requester.RUNBOT);
        Environment destroying = store.findById(id).orElseThrow();
        assertThat(destroying.desiredState()).isEqualTo(DesiredState.DOWN);
        assertThat(destroying.state()).isEqualTo(EnvironmentState.DESTROYING);
        assertThat(deadlines.apply()).isEmpty();
    }

    @Test
    void extendingAfterTheWarningWarnsAgainBeforeTheNewExpiry() {
        up(PR_42, Optional.of(Duration.ofHours(12)), "abc1234");
        clock.advance(Duration.ofHours(11));
        assertThat(deadlines.apply()).extracting(EnvironmentEvent::type).containsExactly(Type.EXPIRING);

        service.extend(PR_42, Optional.of(Duration.ofHours(2)), OCTOCAT);
        clock.advance(Duration.ofHours(1).plusMinutes(59));
        assertThat(deadlines.apply()).as("the new expiry is more than an hour away").isEmpty();
        clock.advance(Duration.ofMinutes(1));

        assertThat(deadlines.apply()).extracting(EnvironmentEvent::type).containsExactly(Type.EXPIRING);
    }

    @Test
    void aPinKeepsAnExpiredEnvironmentUntilThePinEndsAndThenItExpires() {
        long id = ((Changed) up(PR_42, Optional.of(Duration.ofHours(12)), "abc1234")).environment().id();
        service.pin(PR_42, Optional.of(Duration.ofHours(48)), OCTOCAT);

        clock.advance(Duration.ofHours(47));
        assertThat(deadlines.apply()).as("pinned: no warning, no expiry").isEmpty();
        clock.advance(Duration.ofHours(1));
        List<EnvironmentEvent> ended = deadlines.apply();

        assertThat(ended).extracting(EnvironmentEvent::type).containsExactly(Type.UNPINNED, Type.DESTROYING);
        assertThat(ended.get(0).detail()).isEqualTo("the pin ended at 2026-11-22 10:00 UTC");
        assertThat(store.findById(id).orElseThrow().state()).isEqualTo(EnvironmentState.DESTROYING);
    }

    @Test
    void aPinEndingBeforeTheExpiryOnlyEndsThePin() {
        long id = ((Changed) up(PR_42, Optional.empty(), "abc1234")).environment().id();
        service.pin(PR_42, Optional.of(Duration.ofHours(10)), OCTOCAT);

        clock.advance(Duration.ofHours(10));

        assertThat(deadlines.apply()).extracting(EnvironmentEvent::type).containsExactly(Type.UNPINNED);
        Environment unpinned = store.findById(id).orElseThrow();
        assertThat(unpinned.pinnedUntil()).isNull();
        assertThat(unpinned.state().live()).isTrue();
        assertThat(unpinned.expiresAt()).isEqualTo(TestClockFactory.START.plus(Duration.ofHours(72)));
    }

    @Test
    void aTtlBeyondTheMaximumLifetimeIsRefusedAndNothingIsStored() {
        ServiceResult result = up(PR_42, Optional.of(Duration.ofDays(8)), "abc1234");

        assertThat(result).isEqualTo(new Refused(Refusal.LIMIT, "A TTL can last at most 7d."));
        assertThat(store.count()).isZero();
    }

    @Test
    void overridesOutsideTheRepositoryAllowListAreRefused() {
        PreviewConfig config = PreviewConfig.defaults(SHOP);
        ServiceResult result = service.up(PR_42, new UpRequest(config, Optional.of("abc1234"), Optional.empty(),
                Optional.empty(), Map.of("replicas", "3"), OCTOCAT));

        assertThat(result).isEqualTo(new Refused(Refusal.NOT_ALLOWED, "acme/shop allows no --set overrides. List the"
                + " keys people may set under allowedOverrides in .preview.yaml."));
        assertThat(store.count()).isZero();
    }

    @Test
    void allowedOverridesAreKeptForRedeploys() {
        PreviewConfig config = withAllowedOverrides("replicas", "env.FEATURE_FLAG");
        Changed created = (Changed) service.up(PR_42, new UpRequest(config, Optional.of("abc1234"), Optional.empty(),
                Optional.empty(), Map.of("env.FEATURE_FLAG", "a,b={c}"), OCTOCAT));

        assertThat(store.findById(created.environment().id()).orElseThrow().overrides())
                .containsExactly(Map.entry("env.FEATURE_FLAG", "a,b={c}"));
    }

    @Test
    void upOnALiveEnvironmentRedeploysAtTheNewHeadAndKeepsItsCreationTime() {
        Environment first = ((Changed) up(PR_42, Optional.empty(), "aaaaaaa1")).environment();
        clock.advance(Duration.ofHours(5));

        Changed again = (Changed) up(PR_42, Optional.empty(), "bbbbbbb2");

        assertThat(again.events()).extracting(EnvironmentEvent::type).containsExactly(Type.REDEPLOYING);
        assertThat(again.environment().id()).isEqualTo(first.id());
        assertThat(again.environment().createdAt()).isEqualTo(first.createdAt());
        assertThat(again.environment().image()).isEqualTo("ghcr.io/acme/shop:pr-42-bbbbbbb");
        assertThat(again.environment().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(72)));
    }

    @Test
    void twoRepositoriesCannotShareAName() {
        up(PR_42, Optional.empty(), "abc1234");
        PullRequestRef otherShop = new PullRequestRef(RepositoryName.parse("other/shop").orElseThrow(), 42);

        ServiceResult result = up(otherShop, Optional.empty(), "abc1234");

        assertThat(result).isEqualTo(new Refused(Refusal.NOT_ALLOWED, "The name shop-pr-42 is taken by the"
                + " environment of acme/shop#42. Set \"project\" in other/shop's .preview.yaml to give its"
                + " environments another prefix."));
    }

    @Test
    void aPinLastsAtMost48Hours() {
        up(PR_42, Optional.empty(), "abc1234");

        assertThat(service.pin(PR_42, Optional.of(Duration.ofHours(72)), OCTOCAT))
                .isEqualTo(new Refused(Refusal.LIMIT, "A pin can last at most 48h."));
        Changed pinned = (Changed) service.pin(PR_42, Optional.empty(), OCTOCAT);
        assertThat(pinned.environment().pinnedUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(48)));
    }

    @Test
    void aFourthPinIsRefusedNamingTheThreePinnedUntilOneEnds() {
        for (int number : new int[] {1, 7, 2}) {
            PullRequestRef pr = new PullRequestRef(SHOP, number);
            up(pr, Optional.empty(), "abc1234");
            service.pin(pr, Optional.of(Duration.ofHours(10 + number)), OCTOCAT);
        }
        up(PR_42, Optional.empty(), "abc1234");

        assertThat(service.pin(PR_42, Optional.empty(), OCTOCAT)).isEqualTo(new Refused(Refusal.LIMIT,
                "3 environments are already pinned: acme/shop#1, acme/shop#2, acme/shop#7."));

        clock.advance(Duration.ofHours(11).plusMinutes(1));
        assertThat(service.pin(PR_42, Optional.empty(), OCTOCAT)).isInstanceOf(Changed.class);
    }

    @Test
    void repinningAPinnedEnvironmentDoesNotCountAgainstTheLimit() {
        for (int number = 1; number <= 3; number++) {
            PullRequestRef pr = new PullRequestRef(SHOP, number);
            up(pr, Optional.empty(), "abc1234");
            service.pin(pr, Optional.of(Duration.ofHours(1)), OCTOCAT);
        }

        assertThat(service.pin(new PullRequestRef(SHOP, 1), Optional.of(Duration.ofHours(48)), OCTOCAT))
                .isInstanceOf(Changed.class);
    }

    @Test
    void unpinOfAnUnpinnedEnvironmentChangesNothing() {
        up(PR_42, Optional.empty(), "abc1234");

        ServiceResult result = service.unpin(PR_42, OCTOCAT);

        assertThat(result).isInstanceOf(Unchanged.class);
        assertThat(((Unchanged) result).note()).isEqualTo("acme/shop#42 is not pinned; its TTL already applies.");
    }

    @Test
    void extendMovesTheExpiryButNeverPastTheMaximumLifetime() {
        up(PR_42, Optional.empty(), "abc1234");
        Instant deployed = clock.instant();

        Changed byDefault = (Changed) service.extend(PR_42, Optional.empty(), OCTOCAT);
        assertThat(byDefault.environment().expiresAt()).isEqualTo(deployed.plus(Duration.ofHours(96)));

        Changed cut = (Changed) service.extend(PR_42, Optional.of(Duration.ofDays(5)), OCTOCAT);
        assertThat(cut.environment().expiresAt()).isEqualTo(deployed.plus(Duration.ofDays(7)));
        assertThat(cut.note()).isEqualTo("Extended as far as allowed: an environment lives at most 7d after its"
                + " last deploy.");

        assertThat(service.extend(PR_42, Optional.empty(), OCTOCAT)).isEqualTo(new Refused(Refusal.LIMIT,
                "acme/shop#42 already expires at 2026-11-27 10:00 UTC, 7d after its last deploy, the longest an"
                        + " environment may live. Use \"/preview pin\" to keep it longer."));
    }

    @Test
    void commandsOnAMissingEnvironmentSayHowToCreateOne() {
        Refused expected = new Refused(Refusal.NOT_FOUND,
                "There is no preview environment for acme/shop#42. Use \"/preview up\" to create one.");

        assertThat(service.down(PR_42, OCTOCAT)).isEqualTo(expected);
        assertThat(service.pin(PR_42, Optional.empty(), OCTOCAT)).isEqualTo(expected);
        assertThat(service.unpin(PR_42, OCTOCAT)).isEqualTo(expected);
        assertThat(service.extend(PR_42, Optional.empty(), OCTOCAT)).isEqualTo(expected);
        assertThat(store.count()).isZero();
    }

    @Test
    void downThenReconcileDestroysAndAFreshUpStartsOver() {
        Environment first = ((Changed) up(PR_42, Optional.empty(), "abc1234")).environment();
        service.pin(PR_42, Optional.empty(), OCTOCAT);
        reconciler.convergeAll(Optional.empty());

        Changed down = (Changed) service.down(PR_42, OCTOCAT);
        assertThat(down.environment().state()).isEqualTo(EnvironmentState.DESTROYING);
        assertThat(reconciler.convergeAll(Optional.empty())).extracting(EnvironmentEvent::type).containsExactly(Type.DESTROYED);
        assertThat(service.live(PR_42)).isEmpty();
        assertThat(service.list(Optional.empty())).isEmpty();

        clock.advance(Duration.ofDays(1));
        Changed again = (Changed) up(PR_42, Optional.empty(), "def5678");
        assertThat(again.events()).extracting(EnvironmentEvent::type).containsExactly(Type.CREATED);
        assertThat(again.environment().id()).isEqualTo(first.id());
        assertThat(again.environment().createdAt()).isEqualTo(clock.instant());
        assertThat(again.environment().pinnedUntil()).isNull();
    }

    @Test
    void everyChangeIsInTheAuditLogInOrder() {
        Environment environment = ((Changed) up(PR_42, Optional.empty(), "abc1234")).environment();
        reconciler.convergeAll(Optional.empty());
        service.pin(PR_42, Optional.empty(), OCTOCAT);
        service.extend(PR_42, Optional.empty(), new Requester("U123", Channel.SLACK));
        service.down(PR_42, OCTOCAT);

        List<AuditEntry> history = service.history(environment);

        assertThat(history).extracting(AuditEntry::action)
                .containsExactly("created", "ready", "pinned", "extended", "destroying");
        assertThat(history).extracting(AuditEntry::actor)
                .containsExactly("octocat", "runbot", "octocat", "U123", "octocat");
        assertThat(history).extracting(AuditEntry::channel)
                .containsExactly("api", "runbot", "api", "slack", "api");
    }

    @Test
    void aDestroyNobodyTypedSaysWhyInTheAuditLog() {
        Environment environment = ((Changed) up(PR_42, Optional.empty(), "abc1234")).environment();

        Changed down = (Changed) service.down(PR_42, Requester.RUNBOT, "acme/shop#42 was closed");
        ServiceResult again = service.down(PR_42, Requester.RUNBOT, "acme/shop#42 was closed");

        assertThat(down.events()).extracting(EnvironmentEvent::detail).containsExactly("acme/shop#42 was closed");
        assertThat(again).isInstanceOf(Unchanged.class);
        List<AuditEntry> history = service.history(environment);
        assertThat(history).extracting(AuditEntry::action).containsOnlyOnce("destroying");
        AuditEntry destroying = history.get(history.size() - 1);
        assertThat(List.of(destroying.action(), destroying.actor(), destroying.channel(), destroying.detail()))
                .containsExactly("destroying", "runbot", "runbot", "acme/shop#42 was closed");
    }

    @Test
    void aStaleCopyCannotOverwriteANewerOne() {
        Environment stale = ((Changed) up(PR_42, Optional.empty(), "abc1234")).environment();
        service.pin(PR_42, Optional.empty(), OCTOCAT);

        assertThatThrownBy(() -> store.update(stale.toBuilder().pinnedUntil(null).build()))
                .isInstanceOf(OptimisticLockException.class);
        assertThat(service.live(PR_42).orElseThrow().pinnedUntil()).isNotNull();
    }

    @Test
    void listShowsLiveEnvironmentsOfOneRepositoryOrAll() {
        up(PR_42, Optional.empty(), "abc1234");
        up(new PullRequestRef(SHOP, 7), Optional.empty(), "abc1234");
        PullRequestRef api = new PullRequestRef(RepositoryName.parse("Acme/API").orElseThrow(), 3);
        up(api, Optional.empty(), "abc1234");

        assertThat(service.list(Optional.empty())).extracting(Environment::name)
                .containsExactly("api-pr-3", "shop-pr-7", "shop-pr-42");
        assertThat(service.list(RepositoryName.parse("ACME/shop"))).extracting(Environment::name)
                .containsExactly("shop-pr-7", "shop-pr-42");
    }

    private ServiceResult up(PullRequestRef pr, Optional<Duration> ttl, String sha) {
        return service.up(pr, new UpRequest(PreviewConfig.defaults(pr.repository()), Optional.of(sha),
                Optional.empty(), ttl, Map.of(), OCTOCAT));
    }

    private static PreviewConfig withAllowedOverrides(String... keys) {
        PreviewConfig d = PreviewConfig.defaults(SHOP);
        return new PreviewConfig(d.project(), d.image(), d.tag(), d.fallbackTag(), d.port(), d.healthPath(), d.ttl(),
                d.autoDeploy(), d.label(), d.databases(), d.env(), d.resources(), List.of(keys), d.slackChannel(),
                d.urlSuffix(), d.seed());
    }
}
