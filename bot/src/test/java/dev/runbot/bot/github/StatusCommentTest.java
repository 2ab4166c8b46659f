package dev.runbot.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.bot.dispatch.TestEnvironmentReplies;
import dev.runbot.commands.HelpText;
import dev.runbot.commands.Messages;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply.Action;
import dev.runbot.commands.Reply.Field;
import dev.runbot.commands.Reply.Link;
import dev.runbot.commands.Reply.LinkKind;
import dev.runbot.commands.Reply.Outcome;
import dev.runbot.commands.Reply;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.environment.DesiredState;
import dev.runbot.provisioner.environment.Environment;
import dev.runbot.provisioner.environment.EnvironmentState;
import dev.runbot.provisioner.lifecycle.ServiceResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The status comment as developers read it on their pull request: golden files beside this test
 * ({@code -Dgolden.update=true} rewrites them), then the text people or the cluster control,
 * which must never change the layout, ping anyone or outgrow the comment.
 */
class StatusCommentTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/runbot/bot/github/StatusCommentTest");
    private static final Instant NOW = Instant.parse("2026-11-22T14:00:00Z");
    private static final PullRequestRef PR = new PullRequestRef(RepositoryName.parse("acme/shop").orElseThrow(), 42);
    private static final String GRAFANA = "https://grafana.example.com";
    private static final EnvironmentReplies REPLIES = TestEnvironmentReplies.create(GRAFANA,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String MEGABYTE = "x".repeat(1 << 20);

    // ---- golden files: one per state --------------------------------------------------------

    @Test
    void readyWithGrafanaLinks() throws IOException {
        Environment ready = environment(EnvironmentState.READY).build();
        golden("ready.md", render(Optional.of(REPLIES.status(ready, "")),
                Optional.of(command("/preview up", REPLIES.changed(ready, "")))));
    }

    @Test
    void readyInDryRun() throws IOException {
        EnvironmentReplies withoutGrafana = TestEnvironmentReplies.create(null, Clock.fixed(NOW, ZoneOffset.UTC));
        Environment dryRun = environment(EnvironmentState.READY).dryRun(true).build();
        golden("ready-dry-run.md", render(Optional.of(withoutGrafana.status(dryRun, "")), Optional.empty()));
    }

    @Test
    void beingDeployed() throws IOException {
        Environment pending = environment(EnvironmentState.PENDING).build();
        golden("being-deployed.md", render(Optional.of(REPLIES.status(pending, "")),
                Optional.of(command("/preview up --ttl 3d", REPLIES.changed(pending, "")))));
    }

    @Test
    void failedWithAMultiLineError() throws IOException {
        Environment failed = environment(EnvironmentState.FAILED).lastError("""
                Deployment/app in namespace "shop-pr-42" did not become ready within 5m:
                  container "app" is in CrashLoopBackOff (restarted 6 times)
                  last log line: ```Error: Cannot find module '/app/server.js'```""").build();
        golden("failed.md", render(Optional.of(REPLIES.status(failed, "")), Optional.empty()));
    }

    @Test
    void destroyed() throws IOException {
        Environment destroyed = environment(EnvironmentState.DESTROYED).desiredState(DesiredState.DOWN).build();
        golden("destroyed.md", render(Optional.of(REPLIES.status(destroyed, "")),
                Optional.of(command("/preview down", REPLIES.changed(destroyed, "")))));
    }

    @Test
    void noEnvironment() throws IOException {
        Reply notFound = REPLIES.refused(new ServiceResult.Refused(ServiceResult.Refusal.NOT_FOUND,
                Messages.noEnvironment(PR)));
        golden("no-environment.md", render(Optional.empty(), Optional.of(command("/preview pin", notFound))));
    }

    @Test
    void readyAfterARefusedCommand() throws IOException {
        Environment ready = environment(EnvironmentState.READY).build();
        Reply refused = REPLIES.refused(new ServiceResult.Refused(ServiceResult.Refusal.LIMIT,
                Messages.pinTooLong(Duration.ofHours(48))));
        golden("ready-pin-refused.md", render(Optional.of(REPLIES.status(ready, "")),
                Optional.of(command("/preview pin 72h", refused))));
    }

    @Test
    void helpAsTheLastCommand() throws IOException {
        Environment pinned = environment(EnvironmentState.READY).pinnedUntil(NOW.plus(Duration.ofHours(30))).build();
        golden("help.md", render(Optional.of(REPLIES.status(pinned, "")),
                Optional.of(command("/preview help", HelpText.overview()))));
    }

    // ---- text from people and the cluster ----------------------------------------------------

    @Test
    void aPipeOrNewlineInAValueStaysInItsCell() {
        Reply reply = reply(List.of(new Field("State", "ready"), new Field("Requested by", "a | b\nc"),
                new Field("Image", "ghcr.io/x|y:1")));
        String body = render(Optional.of(reply), Optional.empty());
        assertThat(body).contains("| **Requested by** | a \\| b c |\n")
                .contains("| **Image** | `ghcr.io/x\\|y:1` |\n");
        assertThat(tableRows(body)).hasSize(3);
    }

    @Test
    void mentionsInTextPingNobodyButWhoRanTheCommand() {
        Reply answer = Reply.message(Outcome.FORBIDDEN, "@mallory needs write access to acme/shop to run \"up\".",
                "Ask @acme/admins, or @octocat.");
        Reply environment = reply(List.of(new Field("Requested by", "@mallory")));
        String body = render(Optional.of(environment), Optional.of(new LastCommand("/preview up @everyone", "octocat",
                NOW, answer)));
        assertThat(mentions(body)).containsExactly("@octocat");
        assertThat(body).contains("@octocat ran `/preview up @everyone`")
                .contains("@\u200Dmallory needs write access").contains("Ask @\u200Dacme/admins, or @\u200Doctocat.");
    }

    @Test
    void aLoginThatIsNoLoginIsShownAsText() {
        String body = render(Optional.empty(), Optional.of(new LastCommand("/preview up", "<b>x</b> @y", NOW,
                Reply.message(Outcome.DONE, "ok", ""))));
        assertThat(body).contains("&lt;b&gt;x&lt;/b&gt; @\u200Dy ran").doesNotContain("<b>");
        assertThat(mentions(body)).isEmpty();
    }

    @Test
    void htmlInTextIsShownNotObeyed() {
        String html = "<script>alert(1)</script></details><details open><summary>x</summary><img src=x>";
        Reply environment = new Reply(Outcome.INFO, html, html, Optional.of("ready"),
                List.of(new Field("Namespace", html), new Field("Pinned", html), new Field("Last error", html)),
                List.of(), List.of());
        String body = render(Optional.of(environment), Optional.of(command(html, Reply.message(Outcome.INFO, html,
                html + "\n" + "long answer\n".repeat(10)))));
        String markup = outsideCode(body);
        assertThat(markup).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<details open>")
                .contains("### ✅ &lt;script&gt;alert(1)&lt;/script&gt;&lt;/details&gt;&lt;details open&gt;");
        assertThat(count(markup, "<details>")).isEqualTo(count(markup, "</details>")).isEqualTo(2);
    }

    @Test
    void markdownInTextShowsAsTyped() {
        Reply answer = Reply.message(Outcome.INVALID, "**bold** [link](https://evil.example) `code` ~~gone~~ $x$",
                "# Not a heading\n- not a list\n1. not a list\n> not a quote\n    not code\n---");
        Reply environment = new Reply(Outcome.INFO, "Fix #", "", Optional.of("ready"), List.of(), List.of(), List.of());
        String body = render(Optional.of(environment), Optional.of(command("/preview x", answer)));
        assertThat(body).contains("### ✅ Fix \\#\n")
                .contains("**\\*\\*bold\\*\\* \\[link\\](https://evil.example) \\`code\\` \\~\\~gone\\~\\~ \\$x\\$**")
                .contains("\\# Not a heading\\\n\\- not a list\\\n1\\. not a list\\\n&gt; not a quote\\\nnot code\\\n\\---");
    }

    @Test
    void aMegabyteOfEmptyLinesIsOneBlankLine() {
        Reply answer = Reply.message(Outcome.INFO, "help", "first" + "\n".repeat(1 << 20) + "second\n" + "x\n".repeat(5));
        String body = render(Optional.empty(), Optional.of(command("/preview help", answer)));
        assertThat(body).contains("\n\nfirst\n\nsecond\\\nx\\\n").hasSizeLessThan(2_000);
    }

    @Test
    void aForgedMarkerDoesNotSurvive() {
        String forged = "before " + StatusComment.MARKER + " after";
        Reply environment = new Reply(Outcome.INFO, forged, forged, Optional.of("ready"),
                List.of(new Field("URL", forged), new Field("Image", forged), new Field("Requested by", forged),
                        new Field("Last error", forged)),
                List.of(new Link(LinkKind.PREVIEW, forged, "https://a.example/" + StatusComment.MARKER)),
                List.of(new Action(forged, forged, false)));
        String body = render(Optional.of(environment), Optional.of(new LastCommand(forged, forged, NOW,
                Reply.message(Outcome.INFO, forged, forged))));
        assertThat(body).startsWith(StatusComment.MARKER + "\n");
        assertThat(count(body, StatusComment.MARKER)).isOne();
        assertThat(count(body, "<!--")).isOne();
    }

    @Test
    void anErrorWithBackticksCannotCloseItsCodeBlock() {
        Reply environment = reply(List.of(new Field("Last error", "one ``` two\n```\n````` five")));
        String body = render(Optional.of(environment), Optional.empty());
        assertThat(body).contains("""
                <details><summary>Last error</summary>

                ``````text
                one ``` two
                ```
                ````` five
                ``````

                </details>""");
    }

    @Test
    void onlyWebAddressesBecomeLinks() {
        Reply environment = new Reply(Outcome.INFO, "t", "", Optional.of("ready"), List.of(new Field("URL", "u")),
                List.of(new Link(LinkKind.PREVIEW, "Open preview", "javascript:alert(1)"),
                        new Link(LinkKind.LOGS, "Logs", "https://grafana.example.com/a(b)|c<d>\"e")),
                List.of());
        String body = render(Optional.of(environment), Optional.empty());
        assertThat(body).contains("| **Preview** | `javascript:alert(1)` |")
                .contains("| **Logs** | [Open in Grafana](https://grafana.example.com/a%28b%29%7Cc%3Cd%3E%22e) |");
    }

    // ---- size ---------------------------------------------------------------------------------

    @Test
    void aMegabyteErrorAndAMegabyteAnswerAreCutToFit() {
        Environment failed = environment(EnvironmentState.FAILED).lastError("E" + MEGABYTE).build();
        Reply answer = Reply.message(Outcome.INFO, "runbot commands", "A" + MEGABYTE);
        String body = render(Optional.of(REPLIES.status(failed, "")), Optional.of(command("/preview help", answer)));

        assertThat(body.length()).isLessThanOrEqualTo(StatusComment.LIMIT);
        assertThat(body).containsPattern("```\n\n\\*… \\(cut, 1,0\\d\\d,\\d\\d\\d characters\\)\\*\n\n</details>")
                .containsPattern("…\n\n\\*… \\(cut, 1,0\\d\\d,\\d\\d\\d characters\\)\\*\n\n</details>")
                .contains("| **State** | failed |").contains("**What you can do:**").contains("**Last command:**")
                .endsWith("</sub>\n");
        assertThat(count(outsideCode(body), "<details>")).isEqualTo(count(outsideCode(body), "</details>")).isEqualTo(2);
    }

    @Test
    void aMegabyteOfShortLinesIsCutToo() {
        Reply answer = Reply.message(Outcome.INFO, "runbot commands", "line\n".repeat(200_000));
        String body = render(Optional.empty(), Optional.of(command("/preview help", answer)));
        assertThat(body.length()).isLessThanOrEqualTo(StatusComment.LIMIT);
        assertThat(body).containsPattern("line\\\\\n\\w*…\n\n\\*… \\(cut, 99\\d,\\d\\d\\d characters\\)\\*\n\n</details>");
    }

    @Test
    void everyPieceAMegabyteLongStillFits() {
        List<Field> fields = IntStream.range(0, 1_000).mapToObj(i -> new Field("F" + MEGABYTE, MEGABYTE)).toList();
        List<Action> actions = IntStream.range(0, 1_000).mapToObj(i -> new Action(MEGABYTE, MEGABYTE, false)).toList();
        List<Link> links = List.of(new Link(LinkKind.PREVIEW, MEGABYTE, "https://" + MEGABYTE),
                new Link(LinkKind.LOGS, MEGABYTE, "https://" + MEGABYTE));
        Reply environment = new Reply(Outcome.INFO, MEGABYTE, MEGABYTE, Optional.of("ready"),
                concat(fields, List.of(new Field("URL", MEGABYTE), new Field("Last error", MEGABYTE))), links, actions);
        String body = render(Optional.of(environment), Optional.of(new LastCommand(MEGABYTE, MEGABYTE, NOW,
                Reply.message(Outcome.INFO, MEGABYTE, MEGABYTE))));

        assertThat(body.length()).isLessThanOrEqualTo(StatusComment.LIMIT);
        assertThat(body).contains("| **…** | 986 more |").endsWith("</sub>\n");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String render(Optional<Reply> environment, Optional<LastCommand> lastCommand) {
        return StatusComment.render(PR, environment, lastCommand);
    }

    private static Environment.Builder environment(EnvironmentState state) {
        return new Environment.Builder().pullRequest(PR).name("shop-pr-42").namespace("shop-pr-42").state(state)
                .desiredState(DesiredState.UP).headSha("0123abc4567def89012345678901234567890abc")
                .image("ghcr.io/acme/shop:0123abc").url("https://shop-pr-42.preview.example.com")
                .createdAt(NOW.minus(Duration.ofHours(2))).updatedAt(NOW).deployedAt(NOW.minus(Duration.ofHours(1)))
                .expiresAt(NOW.plus(Duration.ofHours(71))).requestedBy("octocat").ttl(Duration.ofHours(72));
    }

    private static LastCommand command(String text, Reply reply) {
        return new LastCommand(text, "octocat", NOW.minus(Duration.ofMinutes(3)), reply);
    }

    private static Reply reply(List<Field> fields) {
        return new Reply(Outcome.INFO, "acme/shop#42 is ready", "", Optional.of("ready"), fields, List.of(), List.of());
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s; run with -Dgolden.update=true to write it", file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<String> tableRows(String body) {
        return body.lines().filter(line -> line.startsWith("| **")).toList();
    }

    /** Mentions GitHub would turn into notifications: {@code @name} outside code. */
    private static List<String> mentions(String body) {
        return Pattern.compile("(?<![\\w@])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9-]+)?").matcher(outsideCode(body))
                .results().map(match -> match.group()).toList();
    }

    /** The body less its code blocks and code spans, i.e. the part GitHub reads as Markdown and HTML. */
    private static String outsideCode(String body) {
        return body.replaceAll("(?ms)^(`{3,})text\n.*?^\\1$", "").replaceAll("(`+)[^\n]*?\\1", "");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
