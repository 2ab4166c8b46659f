package dev.runbot.bot.github.webhook;

import static dev.runbot.bot.github.GitHubWebhooks.bytes;
import static dev.runbot.bot.github.GitHubWebhooks.comment;
import static dev.runbot.bot.github.GitHubWebhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbot.bot.github.GitHubSettings;
import dev.runbot.bot.github.webhook.WebhookVerdict.Answer;
import dev.runbot.bot.github.webhook.WebhookVerdict.Work;
import dev.runbot.commands.CommandParser;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What runbot makes of each kind of GitHub delivery, from GitHub's own payload examples. */
class WebhookReaderTest {

    private final WebhookReader reader = reader(List.of());

    @Test
    void aPingIsAnsweredOk() {
        assertThat(reader.read("ping", "d-1", bytes(payload("ping")))).isEqualTo(new Answer(200, "pong"));
    }

    @Test
    void eventsRunbotDoesNotActOnAreAnsweredNoContent() {
        Answer answer = (Answer) reader.read("installation", "d-1", bytes(payload("installation.created")));
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.message()).contains("\"installation\"");
    }

    @Test
    void aNewCommandCommentOnAPullRequestBecomesQueuedWork() {
        Work work = (Work) reader.read("issue_comment", "d-7", bytes(comment("Looks good.\n/preview up --ttl 12h",
                "octocat")));

        assertThat(work.kind()).isEqualTo(CommentCommand.KIND);
        assertThat(work.repository().toString()).isEqualTo("Codertocat/Hello-World");
        CommentCommand command = (CommentCommand) work.work();
        assertThat(command.deliveryId()).isEqualTo("d-7");
        assertThat(command.repository()).isEqualTo("Codertocat/Hello-World");
        assertThat(command.pullRequest()).isEqualTo(1);
        assertThat(command.commentId()).isEqualTo(payload("issue_comment.created").get("comment").get("id").asLong());
        assertThat(command.author()).isEqualTo("octocat");
        assertThat(command.body()).isEqualTo("Looks good.\n/preview up --ttl 12h");
    }

    @Test
    void aCommentOnAnIssueIsNotForRunbot() {
        ObjectNode onIssue = payload("issue_comment.created");
        ((ObjectNode) onIssue.get("comment")).put("body", "/preview up");

        Answer answer = (Answer) reader.read("issue_comment", "d-1", bytes(onIssue));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.message()).contains("not a pull request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"issue_comment.edited", "issue_comment.deleted"})
    void editedAndDeletedCommentsAreIgnored(String fixture) {
        ObjectNode changed = payload(fixture);
        ((ObjectNode) changed.get("comment")).put("body", "/preview down");

        assertThat(((Answer) reader.read("issue_comment", "d-1", bytes(changed))).status()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"runbot", "RunBot", "runbot[bot]", "dependabot[bot]"})
    void commentsByBotsAreIgnored(String login) {
        Answer answer = (Answer) reader.read("issue_comment", "d-1", bytes(comment("/preview up", login)));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.message()).contains("bot");
    }

    @Test
    void aCommentByAnAccountOfTypeBotIsIgnoredWhateverItsName() {
        ObjectNode byApp = comment("/preview down", "helpful-app");
        ((ObjectNode) byApp.get("comment").get("user")).put("type", "Bot");

        assertThat(((Answer) reader.read("issue_comment", "d-1", bytes(byApp))).status()).isEqualTo(204);
    }

    @Test
    void aCommentWithoutACommandIsIgnored() {
        Answer answer = (Answer) reader.read("issue_comment", "d-1", bytes(comment("LGTM, ship /preview later", "octocat")));

        assertThat(answer).isEqualTo(new Answer(204, "The comment holds no runbot command."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1, 2]", "\"text\"", ""})
    void aBodyThatIsNoJsonObjectIsABadRequest(String body) {
        Answer answer = (Answer) reader.read("issue_comment", "d-1", body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.message()).isEqualTo("The body of the \"issue_comment\" delivery is not a JSON object.");
    }

    @Test
    void aPayloadOfTheWrongShapeNamesWhatItLacks() {
        ObjectNode noRepository = comment("/preview up", "octocat");
        noRepository.remove("repository");
        ObjectNode pullRequestWithoutHead = payload("pull_request.opened");
        ((ObjectNode) pullRequestWithoutHead.get("pull_request")).remove("head");

        assertThat(reader.read("issue_comment", "d-1", bytes(noRepository))).isEqualTo(new Answer(400,
                "The \"issue_comment\" payload lacks repository.full_name; runbot reads GitHub's payload shape."));
        assertThat(reader.read("pull_request", "d-2", bytes(pullRequestWithoutHead))).isEqualTo(new Answer(400,
                "The \"pull_request\" payload lacks number, pull_request.head.sha and sender.login; runbot reads"
                        + " GitHub's payload shape."));
    }

    @Test
    void aMissingEventHeaderIsABadRequest() {
        assertThat(((Answer) reader.read(null, "d-1", bytes(payload("ping")))).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "reopened", "labeled", "unlabeled", "synchronize", "closed"})
    void pullRequestChangesBecomeQueuedWork(String action) {
        Work work = (Work) reader.read("pull_request", "d-9", bytes(payload("pull_request." + action)));

        PullRequestChange change = (PullRequestChange) work.work();
        assertThat(work.kind()).isEqualTo(PullRequestChange.KIND);
        assertThat(change.action()).isEqualTo(action);
        assertThat(change.repository()).isEqualTo("Codertocat/Hello-World");
        assertThat(change.pullRequest()).isEqualTo(2);
        assertThat(change.headSha()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        assertThat(change.headBranch()).isEqualTo("changes");
        assertThat(change.fork()).isFalse();
        assertThat(change.labels()).containsExactly("bug");
        assertThat(change.sender()).isEqualTo("Codertocat");
        assertThat(change.label()).isEqualTo(action.endsWith("labeled") ? "bug" : null);
    }

    @Test
    void aClosedAndMergedPullRequestSaysSo() {
        ObjectNode merged = payload("pull_request.closed");
        ((ObjectNode) merged.get("pull_request")).put("merged", true);

        assertThat(((PullRequestChange) ((Work) reader.read("pull_request", "d-1", bytes(merged))).work()).merged())
                .isTrue();
    }

    @Test
    void aHeadInAnotherRepositoryOrADeletedForkIsAFork() {
        ObjectNode fromFork = payload("pull_request.opened");
        ((ObjectNode) fromFork.get("pull_request").get("head").get("repo")).put("full_name", "mallory/Hello-World");
        ObjectNode deletedFork = payload("pull_request.synchronize");
        ((ObjectNode) deletedFork.get("pull_request").get("head")).set("repo", NullNode.getInstance());

        assertThat(((PullRequestChange) ((Work) reader.read("pull_request", "d-1", bytes(fromFork))).work()).fork())
                .isTrue();
        assertThat(((PullRequestChange) ((Work) reader.read("pull_request", "d-2", bytes(deletedFork))).work()).fork())
                .isTrue();
    }

    @Test
    void otherPullRequestActionsAreAnsweredNoContent() {
        ObjectNode assigned = payload("pull_request.opened");
        assigned.put("action", "assigned");

        assertThat(((Answer) reader.read("pull_request", "d-1", bytes(assigned))).status()).isEqualTo(204);
    }

    @Test
    void repositoriesOutsideTheAllowListAreRefused() {
        WebhookReader onlyAcme = reader(List.of("acme", "Codertocat/Other"));

        Answer comment = (Answer) onlyAcme.read("issue_comment", "d-1", bytes(comment("/preview up", "octocat")));
        Answer opened = (Answer) onlyAcme.read("pull_request", "d-2", bytes(payload("pull_request.opened")));

        assertThat(comment.status()).isEqualTo(403);
        assertThat(comment.message()).isEqualTo("Codertocat/Hello-World is not one of the repositories runbot serves"
                + " (runbot.github.allowed); the delivery changes nothing.");
        assertThat(opened.status()).isEqualTo(403);
        assertThat(reader(List.of("codertocat")).read("pull_request", "d-3", bytes(payload("pull_request.opened"))))
                .isInstanceOf(Work.class);
    }

    private static WebhookReader reader(List<String> allowed) {
        GitHubSettings settings = new GitHubSettings("https://api.github.com", "token", null, null, "secret", "runbot",
                allowed, "write", "read", null);
        return new WebhookReader(JsonMapper.createDefault(), new CommandParser("runbot"), settings);
    }
}
