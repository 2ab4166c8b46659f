package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.RepositoryName;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What runbot keeps per pull request survives as written, and one pull request has one thread; on H2 and PostgreSQL. */
abstract class PullRequestThreadsContract {

    private static final PullRequestRef PR = new PullRequestRef(new RepositoryName("Acme", "Shop"), 42);

    @TempDir Path dataDir;
    private ApplicationContext context;
    private PullRequestThreads threads;

    @BeforeEach
    void start() {
        Map<String, Object> properties = new HashMap<>(database());
        properties.put("runbot.data-dir", dataDir.toString());
        properties.put("runbot.reconcile.interval", "1h");
        context = ApplicationContext.run(properties);
        threads = context.getBean(PullRequestThreads.class);
    }

    /** The datasource properties of the database under test; none means the embedded H2 file. */
    abstract Map<String, String> database();

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void aPullRequestHasOneThreadWhateverTheCaseOfItsName() {
        PullRequestThread first = threads.of(PR);
        PullRequestThread again = threads.of(new PullRequestRef(new RepositoryName("acme", "shop"), 42));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.pullRequest()).isEqualTo(PR);
        assertThat(first.commentId()).isEmpty();
        assertThat(first.deploymentId()).isEmpty();
        assertThat(first.lastCommand()).isEmpty();
        assertThat(threads.of(new PullRequestRef(PR.repository(), 43)).id()).isNotEqualTo(first.id());
    }

    @Test
    void theLastCommandAndItsAnswerAreKeptWhole() {
        Reply answer = new Reply(Reply.Outcome.REFUSED, "A pin can last at most 48h.", "Try /preview pin 48h.",
                Optional.of("ready"), List.of(new Reply.Field("State", "ready")),
                List.of(new Reply.Link(Reply.LinkKind.PREVIEW, "Open preview", "https://shop-pr-42.example.com")),
                List.of(new Reply.Action("Pin 48h", "pin 48h", false)));
        Instant at = Instant.parse("2026-11-22T10:15:30Z");

        threads.recordCommand(PR, new LastCommand("/preview pin 72h", "octocat", at, answer));

        assertThat(threads.of(PR).lastCommand()).contains(new LastCommand("/preview pin 72h", "octocat", at, answer));
    }

    @Test
    void anAnswerTooLongToKeepIsKeptCut() {
        Reply help = Reply.message(Reply.Outcome.INFO, "runbot commands", "x".repeat(200_000));

        threads.recordCommand(PR, new LastCommand("/preview help", "octocat", Instant.now(), help));

        Reply kept = threads.of(PR).lastCommand().orElseThrow().reply();
        assertThat(kept.title()).isEqualTo("runbot commands");
        assertThat(kept.text()).hasSizeLessThan(65_536).endsWith("…");
    }

    @Test
    void theCommentAndTheDeploymentAreRemembered() {
        long id = threads.of(PR).id();

        threads.recordComment(id, Optional.of(7_000_000_001L), Optional.of("digest-1"));
        threads.recordDeployment(id, 5_000_000_000L, "ec26c3e57ca3a959ca5aad62de7213c562f8c821", Optional.empty());
        PullRequestThread created = threads.of(PR);
        threads.recordDeployment(id, 5_000_000_000L, "ec26c3e57ca3a959ca5aad62de7213c562f8c821", Optional.of("success"));

        assertThat(created.commentId()).contains(7_000_000_001L);
        assertThat(created.commentDigest()).contains("digest-1");
        assertThat(created.deploymentState()).isEmpty();
        PullRequestThread now = threads.of(PR);
        assertThat(now.deploymentId()).contains(5_000_000_000L);
        assertThat(now.deploymentSha()).contains("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        assertThat(now.deploymentState()).contains("success");

        threads.recordComment(id, Optional.empty(), Optional.empty());
        assertThat(threads.of(PR).commentId()).isEmpty();
    }

    @Test
    void whatTheCheckSawIsKeptExactlyAndReplacedByWhatItSawNext() {
        String weak = "W/\"4f6d3b2a1c0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a\"";

        assertThat(threads.seen(PR)).isEmpty();
        threads.recordSeen(PR, Optional.of(new SeenPullRequest(weak, true)));

        assertThat(threads.seen(PR)).contains(new SeenPullRequest(weak, true));
        assertThat(threads.seen(new PullRequestRef(new RepositoryName("acme", "shop"), 42)))
                .as("whatever the case of its name").contains(new SeenPullRequest(weak, true));
        assertThat(threads.seen(new PullRequestRef(PR.repository(), 43))).isEmpty();

        threads.recordSeen(PR, Optional.of(new SeenPullRequest("\"closed-etag\"", false)));
        assertThat(threads.of(PR).seen()).contains(new SeenPullRequest("\"closed-etag\"", false));

        threads.recordSeen(PR, Optional.empty());
        assertThat(threads.seen(PR)).isEmpty();
    }

    @Test
    void recordingWhatWasSeenLeavesTheCommentDeploymentAndLastCommandAlone() {
        long id = threads.of(PR).id();
        threads.recordComment(id, Optional.of(7_000_000_001L), Optional.of("digest-1"));
        threads.recordDeployment(id, 5_000_000_000L, "ec26c3e57ca3a959ca5aad62de7213c562f8c821", Optional.of("success"));
        LastCommand up = new LastCommand("/preview up", "octocat", Instant.parse("2026-11-22T10:15:30Z"),
                Reply.message(Reply.Outcome.DONE, "acme/shop#42 is ready.", ""));
        threads.recordCommand(PR, up);

        threads.recordSeen(PR, Optional.of(new SeenPullRequest("\"etag\"", true)));

        PullRequestThread thread = threads.of(PR);
        assertThat(thread.id()).isEqualTo(id);
        assertThat(thread.commentId()).contains(7_000_000_001L);
        assertThat(thread.deploymentState()).contains("success");
        assertThat(thread.lastCommand()).contains(up);
        assertThat(thread.seen()).contains(new SeenPullRequest("\"etag\"", true));
    }

    @Test
    void anEtagLongerThanGitHubsIsNotKeptAndAnEarlierOneIsForgotten() {
        threads.recordSeen(PR, Optional.of(new SeenPullRequest("\"etag\"", true)));

        threads.recordSeen(PR, Optional.of(new SeenPullRequest("\"" + "a".repeat(300) + "\"", true)));

        assertThat(threads.seen(PR)).isEmpty();
    }
}
