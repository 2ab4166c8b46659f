package dev.runbot.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.runbot.bot.dispatch.EnvironmentReplies;
import dev.runbot.bot.dispatch.TestEnvironmentReplies;
import dev.runbot.commands.Command;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.HelpText;
import dev.runbot.commands.Messages;
import dev.runbot.commands.ParseResult;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What runbot shows in Slack, as Slack receives it: golden files beside this test
 * ({@code -Dgolden.update=true} rewrites them), Block Kit's limits over those and over hostile
 * input, and text from people or the cluster, which must never ping anyone or forge a link.
 */
class SlackBlocksTest {

    private static final Path GOLDEN = Path.of("src/test/resources/dev/runbot/bot/slack/SlackBlocksTest");
    private static final Instant NOW = Instant.parse("2026-11-22T14:00:00Z");
    private static final PullRequestRef PR = pr("acme/shop", 42);
    private static final Optional<String> PR_TITLE = Optional.of("Checkout: pay with saved cards");
    private static final String GRAFANA = "https://grafana.example.com";
    private static final EnvironmentReplies REPLIES = TestEnvironmentReplies.create(GRAFANA,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static final String MEGABYTE = "x".repeat(1 << 20);
    private static final String HOSTILE = "<!channel> <@U123> <#C456> <!subteam^S789> <https://evil.example|click> & <b>";
    private static final Gson SLACK_GSON = GsonFactory.createSnakeCase();
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** The only links any mrkdwn text may hold: a web address shown as itself. */
    private static final Pattern OWN_LINK = Pattern.compile("<https?://[^\\s<>|]+>");
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "actions", "context");

    // ---- golden files: one per state and answer ----------------------------------------------

    static Stream<Arguments> goldenMessages() {
        return goldenCases().entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    private static Map<String, Supplier<SlackMessage>> goldenCases() {
        Map<String, Supplier<SlackMessage>> cases = new LinkedHashMap<>();
        cases.put("ready.json", () -> SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.status(environment(EnvironmentState.READY).build(), "")));
        cases.put("ready-dry-run.json", () -> SlackBlocks.environment(PR, PR_TITLE,
                TestEnvironmentReplies.create(null, Clock.fixed(NOW, ZoneOffset.UTC))
                        .status(environment(EnvironmentState.READY).dryRun(true).build(), "")));
        cases.put("being-deployed.json", () -> SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.changed(environment(EnvironmentState.PENDING).build(), "")));
        cases.put("failed.json", () -> SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.changed(environment(EnvironmentState.FAILED).lastError("""
                        Deployment/app in namespace "shop-pr-42" did not become ready within 5m:
                          container "app" is in CrashLoopBackOff (restarted 6 times)
                          last log line: ```Error: Cannot find module '/app/server.js'```""").build(), "")));
        cases.put("destroyed.json", () -> SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.changed(environment(EnvironmentState.DESTROYED).desiredState(DesiredState.DOWN).build(), "")));
        cases.put("pinned.json", () -> SlackBlocks.environment(PR, Optional.empty(),
                REPLIES.status(environment(EnvironmentState.READY).pinnedUntil(NOW.plus(Duration.ofHours(30))).build(),
                        "")));
        cases.put("answer-pin-refused.json", () -> SlackBlocks.answer(REPLIES.refused(new ServiceResult.Refused(
                ServiceResult.Refusal.LIMIT, Messages.pinTooLong(Duration.ofHours(48))))));
        cases.put("answer-help.json", () -> SlackBlocks.answer(HelpText.overview()));
        cases.put("answer-list.json", () -> SlackBlocks.answer(REPLIES.list(List.of(
                environment(EnvironmentState.READY).build(),
                environment(EnvironmentState.FAILED).pullRequest(pr("acme/shop", 7)).name("shop-pr-7")
                        .namespace("shop-pr-7").url("https://shop-pr-7.preview.example.com").build(),
                environment(EnvironmentState.READY).pullRequest(pr("acme/billing", 3)).name("billing-pr-3")
                        .namespace("billing-pr-3").url("https://billing-pr-3.preview.example.com")
                        .pinnedUntil(NOW.plus(Duration.ofHours(30))).build()), "")));
        cases.put("change.json", () -> SlackBlocks.change("🚀 Redeployed by octocat",
                "acme/shop#42 now runs 0123abc and expires 2026-11-25 13:00 UTC."));
        cases.put("working.json", () -> SlackBlocks.working("up acme/shop#42 --ttl 12h"));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessages")
    void matchesItsGoldenFile(String name, Supplier<SlackMessage> message) throws IOException {
        golden(name, pretty(message.get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenMessages")
    void fitsBlockKit(String name, Supplier<SlackMessage> message) {
        assertValid(message.get());
    }

    // ---- the environment message ---------------------------------------------------------------

    @Test
    void eachCommandButtonRunsItsCommandOnItsPullRequest() {
        SlackMessage message = SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.status(environment(EnvironmentState.READY).build(), ""));
        List<JsonObject> buttons = buttons(json(message));

        assertThat(buttons).extracting(button -> button.get("action_id").getAsString()).containsExactly(
                "runbot:open:preview", "runbot:open:logs", "runbot:open:metrics", "runbot:extend", "runbot:pin",
                "runbot:down");
        CommandParser parser = new CommandParser("runbot");
        for (JsonObject button : buttons) {
            String actionId = button.get("action_id").getAsString();
            if (!SlackBlocks.runsCommand(actionId)) {
                assertThat(button.has("value")).isFalse();
                continue;
            }
            ParseResult parsed = parser.parseSlash(button.get("value").getAsString(), Optional.empty());
            assertThat(parsed).as(actionId).isInstanceOf(ParseResult.Parsed.class);
            Command command = ((ParseResult.Parsed) parsed).command();
            assertThat(command.target()).contains(PR);
            assertThat(SlackBlocks.ACTION_PREFIX + command.verb().word()).isEqualTo(actionId);
        }
        assertThat(buttons).extracting(button -> button.has("value") ? button.get("value").getAsString() : "")
                .contains("extend 24h acme/shop#42", "pin 48h acme/shop#42", "down acme/shop#42");
    }

    @Test
    void downAsksFirstAndSaysWhatGoes() {
        SlackMessage message = SlackBlocks.environment(PR, PR_TITLE,
                REPLIES.status(environment(EnvironmentState.READY).build(), ""));
        JsonObject down = buttons(json(message)).stream()
                .filter(button -> button.get("action_id").getAsString().equals("runbot:down")).findFirst().orElseThrow();
        assertThat(down.get("style").getAsString()).isEqualTo("danger");
        JsonObject confirm = down.getAsJsonObject("confirm");
        assertThat(text(confirm, "title")).isEqualTo("Destroy acme/shop#42?");
        assertThat(text(confirm, "text")).contains("shop-pr-42").contains("volumes").contains("database");
        assertThat(text(confirm, "confirm")).isEqualTo("Destroy");
        assertThat(text(confirm, "deny")).isEqualTo("Keep it");
    }

    @Test
    void aDestroyedEnvironmentHasNoButtons() {
        Reply destroyed = REPLIES.changed(environment(EnvironmentState.DESTROYED).build(), "");
        Reply withActions = new Reply(destroyed.outcome(), destroyed.title(), destroyed.text(), destroyed.state(),
                destroyed.fields(), List.of(new Link(LinkKind.PREVIEW, "Open preview", "https://a.example")),
                List.of(new Action("Extend 24h", "extend 24h", false)));
        for (Reply reply : List.of(destroyed, withActions)) {
            JsonObject message = json(SlackBlocks.environment(PR, PR_TITLE, reply));
            assertThat(buttons(message)).isEmpty();
            assertThat(mrkdwnTexts(message)).anyMatch(text -> text.contains("acme/shop#42 is destroyed"));
        }
    }

    @Test
    void theMessageSaysOnlyWhatTheReplyCarries() {
        Reply status = REPLIES.status(environment(EnvironmentState.READY).lastError("boom").build(), "note");
        JsonObject message = json(SlackBlocks.environment(PR, PR_TITLE, status));
        Set<String> carried = new HashSet<>(words(PR + " " + PR_TITLE.orElseThrow() + " " + status.title() + " "
                + status.text()));
        status.fields().forEach(field -> carried.addAll(words(field.label() + " " + field.value())));
        status.links().forEach(link -> carried.addAll(words(link.label() + " " + link.url())));
        status.actions().forEach(action -> carried.addAll(words(action.label() + " " + action.command())));

        Set<String> added = new HashSet<>(words(String.join(" ", shownStrings(message))));
        added.removeAll(carried);
        assertThat(added).as("words the renderer adds of its own").isSubsetOf(
                // the confirmation dialog of Down, the note on updates, code marks and emoji are the renderer's own
                "Destroy", "This", "deletes", "the", "namespace", "with", "its", "volumes", "and", "database", "It",
                "cannot", "be", "undone", "Keep", "it", "runbot", "keeps", "this", "message", "up", "to", "date",
                "each", "change", "is", "in", "thread", "preview", "help", "lists", "all", "commands");
    }

    @Test
    void aCountdownIsLeftOutOfTheMessageThatIsEditedInPlaceButNotOutOfAnAnswer() {
        Reply status = REPLIES.status(environment(EnvironmentState.READY).build(), "");
        assertThat(pretty(SlackBlocks.environment(PR, PR_TITLE, status))).contains("2026-11-25 13:00 UTC\"")
                .doesNotContain("in 2d 23h");
        assertThat(pretty(SlackBlocks.answer(status))).contains("2026-11-25 13:00 UTC (in 2d 23h)");
    }

    @Test
    void theHeaderIsCutToSlacksLimit() {
        SlackMessage message = SlackBlocks.environment(PR, Optional.of("A very long title ".repeat(20)),
                REPLIES.status(environment(EnvironmentState.READY).build(), ""));
        String header = text(json(message).getAsJsonArray("blocks").get(0).getAsJsonObject(), "text");
        assertThat(header).hasSize(150).startsWith("acme/shop#42 · A very long title").endsWith("…");
    }

    @Test
    void actionIdsAreForTheHandler() {
        assertThat(SlackBlocks.runsCommand("runbot:extend")).isTrue();
        assertThat(SlackBlocks.runsCommand("runbot:open:preview")).isFalse();
        assertThat(SlackBlocks.runsCommand("other:extend")).isFalse();
        assertThat(SlackBlocks.runsCommand(null)).isFalse();
    }

    // ---- answers, changes and the acknowledgement ----------------------------------------------

    @Test
    void anAnswerShowsItsLinksAsButtonsButNoCommandButtons() {
        Reply status = REPLIES.status(environment(EnvironmentState.READY).build(), "");
        List<JsonObject> buttons = buttons(json(SlackBlocks.answer(status)));
        assertThat(buttons).extracting(button -> button.get("action_id").getAsString())
                .containsExactly("runbot:open:preview", "runbot:open:logs", "runbot:open:metrics");
    }

    @Test
    void aLongAnswerIsCutWithANote() {
        SlackMessage message = SlackBlocks.answer(Reply.message(Outcome.INFO, "runbot commands", "A" + MEGABYTE));
        assertValid(message);
        assertThat(pretty(message)).containsPattern("…\\\\n_… \\(cut, 1,03\\d,\\d\\d\\d characters\\)_");
    }

    @Test
    void aMegabyteOfEmptyLinesIsOneBlankLine() {
        SlackMessage message = SlackBlocks.answer(Reply.message(Outcome.INFO, "help", "first" + "\n".repeat(1 << 20)
                + "second"));
        assertThat(mrkdwnTexts(json(message))).contains("first\n\nsecond");
    }

    @Test
    void aChangeWithoutDetailIsItsHeadline() {
        JsonObject message = json(SlackBlocks.change("🗑️ Destroyed by octocat", ""));
        assertThat(message.get("text").getAsString()).isEqualTo("🗑️ Destroyed by octocat");
        assertThat(mrkdwnTexts(message)).containsExactly("*🗑️ Destroyed by octocat*");
    }

    @Test
    void aBlankTitleShowsAsSomething() {
        assertThat(mrkdwnTexts(json(SlackBlocks.answer(Reply.message(Outcome.ERROR, " \n ", ""))))).containsExactly("❌ *runbot*");
        assertThat(mrkdwnTexts(json(SlackBlocks.change(" ", "")))).containsExactly("*Changed*");
        assertThat(SlackBlocks.change(" ", "").text()).isEqualTo("Changed");
    }

    @Test
    void workingNamesTheCommandOnce() {
        assertThat(SlackBlocks.working("/preview down #42").text()).isEqualTo("Working on /preview down #42…");
        assertThat(mrkdwnTexts(json(SlackBlocks.working("up acme/shop#42"))))
                .containsExactly("Working on `/preview up acme/shop#42`…");
        assertThat(mrkdwnTexts(json(SlackBlocks.working("  ")))).containsExactly("Working on `/preview`…");
    }

    // ---- text from people and the cluster ------------------------------------------------------

    @Test
    void mentionsAndLinksInTextAreShownNotObeyed() {
        Reply hostile = new Reply(Outcome.INFO, HOSTILE, HOSTILE + "\n/preview " + HOSTILE, Optional.of("ready"),
                List.of(new Field(HOSTILE, HOSTILE), new Field("URL", HOSTILE), new Field("Namespace", HOSTILE),
                        new Field("Last error", HOSTILE)),
                List.of(new Link(LinkKind.PREVIEW, HOSTILE, "https://shop.example")),
                List.of(new Action(HOSTILE, "extend 24h", false), new Action("Down", "down", true)));
        List<SlackMessage> messages = List.of(SlackBlocks.environment(PR, Optional.of(HOSTILE), hostile),
                SlackBlocks.answer(hostile), SlackBlocks.change(HOSTILE, HOSTILE), SlackBlocks.working(HOSTILE));
        for (SlackMessage message : messages) {
            JsonObject json = json(message);
            List<String> texts = new ArrayList<>(mrkdwnTexts(json));
            texts.add(message.text());
            assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                    .doesNotContain("<!").doesNotContain("<@").doesNotContain("<#").doesNotContain("|click>")
                    .doesNotContain("<b>"));
            assertThat(texts).anySatisfy(text -> assertThat(text).contains("&lt;!channel&gt; &lt;@U123&gt;"))
                    .anySatisfy(text -> assertThat(text).contains("&lt;<https://evil.example>|click&gt; &amp; &lt;b&gt;"));
            assertOnlyOwnLinks(json);
        }
    }

    @Test
    void textThatLooksEscapedIsEscapedAgain() {
        JsonObject message = json(SlackBlocks.answer(Reply.message(Outcome.INFO, "a &lt;!channel&gt; &amp; b", "")));
        assertThat(mrkdwnTexts(message)).containsExactly("ℹ️ *a &amp;lt;!channel&amp;gt; &amp;amp; b*");
    }

    @Test
    void webAddressesInTextAreLinksToThemselves() {
        JsonObject message = json(SlackBlocks.answer(Reply.message(Outcome.INFO, "t",
                "See https://a.example/x?y=1&z=2. Or javascript:alert(1) or (https://b.example).")));
        assertThat(mrkdwnTexts(message)).contains(
                "See <https://a.example/x?y=1&amp;z=2>. Or javascript:alert(1) or (<https://b.example>).");
    }

    @Test
    void onlyWebAddressesBecomeButtons() {
        List<Link> links = List.of(new Link(LinkKind.PREVIEW, "Open preview", "javascript:alert(1)"),
                new Link(LinkKind.LOGS, "Logs", "JAVASCRIPT:alert(1)"), new Link(LinkKind.METRICS, "Metrics", "ftp://x"),
                new Link(LinkKind.LOGS, "Logs", "https://a.example/a b"), new Link(LinkKind.LOGS, "Logs", null),
                new Link(LinkKind.LOGS, "Logs", "https://a.example/" + "x".repeat(3_000)),
                new Link(LinkKind.METRICS, "Metrics", "data:text/html,<b>"),
                new Link(LinkKind.METRICS, "Metrics", "  HTTPS://grafana.example.com/d/x  "));
        Reply reply = new Reply(Outcome.INFO, "t", "", Optional.of("ready"), List.of(), links, List.of());
        for (SlackMessage message : List.of(SlackBlocks.answer(reply), SlackBlocks.environment(PR, PR_TITLE, reply))) {
            assertThat(buttons(json(message))).extracting(button -> button.get("url").getAsString())
                    .containsExactly("HTTPS://grafana.example.com/d/x");
        }
    }

    @Test
    void aCommandTooLongForAButtonGetsNoButton() {
        Reply reply = new Reply(Outcome.INFO, "t", "", Optional.of("ready"), List.of(), List.of(),
                List.of(new Action("Long", "extend " + "1".repeat(2_000), false), new Action("Unpin", "unpin", false)));
        assertThat(buttons(json(SlackBlocks.environment(PR, PR_TITLE, reply))))
                .extracting(button -> button.get("value").getAsString()).containsExactly("unpin acme/shop#42");
    }

    @Test
    void backticksCannotCloseCode() {
        Reply reply = REPLIES.status(environment(EnvironmentState.FAILED).image("a`b").lastError("one ``` two").build(),
                "");
        List<String> texts = mrkdwnTexts(json(SlackBlocks.environment(PR, PR_TITLE, reply)));
        assertThat(texts).contains("*Image*\n`aˋb`", "*Last error*\n```\none ˋˋˋ two\n```");
    }

    // ---- size ----------------------------------------------------------------------------------

    static Stream<Arguments> hostileMessages() {
        List<Field> thousandFields = IntStream.range(0, 1_000).mapToObj(i -> new Field("F" + i, MEGABYTE)).toList();
        List<Action> thousandActions = IntStream.range(0, 1_000)
                .mapToObj(i -> new Action(MEGABYTE, i % 2 == 0 ? "extend 1h" : MEGABYTE, i % 3 == 0)).toList();
        List<Link> links = IntStream.range(0, 100).mapToObj(i -> new Link(LinkKind.LOGS, MEGABYTE,
                i % 2 == 0 ? "https://" + MEGABYTE : "https://grafana.example.com/" + i)).toList();
        Reply everything = new Reply(Outcome.INFO, MEGABYTE, MEGABYTE, Optional.of("ready"),
                concat(thousandFields, List.of(new Field("URL", MEGABYTE), new Field("Last error", MEGABYTE))),
                links, thousandActions);
        Reply megabyteError = REPLIES.status(environment(EnvironmentState.FAILED).lastError("E" + MEGABYTE).build(),
                "");
        Reply twoHundred = REPLIES.list(IntStream.rangeClosed(1, 200).mapToObj(i -> environment(EnvironmentState.READY)
                .pullRequest(pr("acme/shop", i)).name("shop-pr-" + i).namespace("shop-pr-" + i)
                .url("https://shop-pr-" + i + ".preview.example.com").build()).toList(), "");
        Reply shortLines = Reply.message(Outcome.INFO, "t", "line https://a.example\n".repeat(100_000));
        Reply longAddresses = Reply.message(Outcome.INFO, "t", ("https://" + "y".repeat(2_990) + " ").repeat(10));
        Map<String, Supplier<SlackMessage>> cases = new LinkedHashMap<>();
        cases.put("environment: a megabyte error", () -> SlackBlocks.environment(PR, PR_TITLE, megabyteError));
        cases.put("answer: a megabyte error", () -> SlackBlocks.answer(megabyteError));
        cases.put("environment: every piece a megabyte, 1,000 fields, 1,000 actions",
                () -> SlackBlocks.environment(PR, Optional.of(MEGABYTE), everything));
        cases.put("answer: every piece a megabyte, 1,000 fields", () -> SlackBlocks.answer(everything));
        cases.put("answer: 200 environments", () -> SlackBlocks.answer(twoHundred));
        cases.put("answer: 100,000 short lines", () -> SlackBlocks.answer(shortLines));
        cases.put("answer: addresses nearly as long as a section", () -> SlackBlocks.answer(longAddresses));
        cases.put("change: megabytes", () -> SlackBlocks.change(MEGABYTE, MEGABYTE));
        cases.put("change: blank", () -> SlackBlocks.change("", ""));
        cases.put("working: a megabyte", () -> SlackBlocks.working(MEGABYTE));
        cases.put("answer: blank", () -> SlackBlocks.answer(Reply.message(Outcome.ERROR, " ", " ")));
        return cases.entrySet().stream().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void hostileInputStillFitsBlockKit(String name, Supplier<SlackMessage> message) {
        SlackMessage rendered = message.get();
        assertValid(rendered);
        assertOnlyOwnLinks(json(rendered));
    }

    @Test
    void aLongListSaysHowManyEntriesAreCut() {
        List<Field> fields = IntStream.range(0, 1_000).mapToObj(i -> new Field("F" + i, "v")).toList();
        SlackMessage message = SlackBlocks.answer(new Reply(Outcome.INFO, "t", "", Optional.empty(), fields,
                List.of(), List.of()));
        assertThat(json(message).getAsJsonArray("blocks")).hasSize(50);
        assertThat(mrkdwnTexts(json(message))).contains("_… (cut, 520 more entries)_");
    }

    @Test
    void twoHundredEnvironmentsAreAllListed() {
        SlackMessage message = SlackBlocks.answer(REPLIES.list(IntStream.rangeClosed(1, 200)
                .mapToObj(i -> environment(EnvironmentState.READY).pullRequest(pr("acme/shop", i)).build()).toList(), ""));
        assertThat(mrkdwnTexts(json(message))).contains("*acme/shop#200*\nready · <https://shop-pr-42.preview.example.com>"
                + " · expires 2026-11-25 13:00 UTC").noneMatch(text -> text.contains("cut"));
    }

    // ---- Block Kit's rules ---------------------------------------------------------------------

    /** Slack's documented limits on messages, blocks, text objects and buttons. */
    private static void assertValid(SlackMessage message) {
        JsonObject json = json(message);
        assertThat(json.get("text").getAsString()).as("fallback text").isNotBlank().hasSizeLessThanOrEqualTo(3_000);
        JsonArray blocks = json.getAsJsonArray("blocks");
        assertThat(blocks.size()).as("blocks").isBetween(1, 50);
        Set<String> actionIds = new HashSet<>();
        for (JsonElement element : blocks) {
            JsonObject block = element.getAsJsonObject();
            String type = block.get("type").getAsString();
            assertThat(type).isIn(BLOCK_TYPES);
            switch (type) {
                case "header" -> assertText(block.getAsJsonObject("text"), "plain_text", 150);
                case "section" -> {
                    assertThat(block.has("text") || block.has("fields")).isTrue();
                    if (block.has("text")) {
                        assertText(block.getAsJsonObject("text"), null, 3_000);
                    }
                    if (block.has("fields")) {
                        JsonArray fields = block.getAsJsonArray("fields");
                        assertThat(fields.size()).as("fields").isBetween(1, 10);
                        fields.forEach(field -> assertText(field.getAsJsonObject(), null, 2_000));
                    }
                }
                case "actions" -> {
                    JsonArray buttons = block.getAsJsonArray("elements");
                    assertThat(buttons.size()).as("elements").isBetween(1, 25);
                    buttons.forEach(button -> assertButton(button.getAsJsonObject(), actionIds));
                }
                case "context" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    assertThat(elements.size()).isBetween(1, 10);
                    elements.forEach(text -> assertText(text.getAsJsonObject(), null, 3_000));
                }
                default -> throw new AssertionError(type);
            }
        }
    }

    private static void assertButton(JsonObject button, Set<String> actionIds) {
        assertThat(button.get("type").getAsString()).isEqualTo("button");
        assertText(button.getAsJsonObject("text"), "plain_text", 75);
        String actionId = button.get("action_id").getAsString();
        assertThat(actionId).startsWith(SlackBlocks.ACTION_PREFIX).hasSizeLessThanOrEqualTo(255);
        assertThat(actionIds.add(actionId)).as("action_id %s is unique in the message", actionId).isTrue();
        assertThat(button.has("url")).isNotEqualTo(button.has("value"));
        if (button.has("url")) {
            assertThat(button.get("url").getAsString()).matches("(?i)https?://\\S+").hasSizeLessThanOrEqualTo(3_000);
            assertThat(actionId).startsWith(SlackBlocks.OPEN_PREFIX);
        } else {
            assertThat(button.get("value").getAsString()).isNotBlank().hasSizeLessThanOrEqualTo(2_000);
            assertThat(SlackBlocks.runsCommand(actionId)).isTrue();
        }
        if (button.has("style")) {
            assertThat(button.get("style").getAsString()).isIn("primary", "danger");
        }
        if (button.has("confirm")) {
            JsonObject confirm = button.getAsJsonObject("confirm");
            assertText(confirm.getAsJsonObject("title"), "plain_text", 100);
            assertText(confirm.getAsJsonObject("text"), null, 300);
            assertText(confirm.getAsJsonObject("confirm"), "plain_text", 30);
            assertText(confirm.getAsJsonObject("deny"), "plain_text", 30);
        }
    }

    private static void assertText(JsonObject text, String type, int max) {
        assertThat(text.get("type").getAsString()).isIn(type == null ? Set.of("plain_text", "mrkdwn") : Set.of(type));
        assertThat(text.get("text").getAsString()).isNotBlank().hasSizeLessThanOrEqualTo(max);
    }

    /** Every {@code <} and {@code >} in mrkdwn is part of a link runbot wrote: an address shown as itself. */
    private static void assertOnlyOwnLinks(JsonObject message) {
        List<String> texts = new ArrayList<>(mrkdwnTexts(message));
        texts.add(message.get("text").getAsString());
        for (String text : texts) {
            assertThat(OWN_LINK.matcher(text).replaceAll("")).doesNotContain("<").doesNotContain(">");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static Environment.Builder environment(EnvironmentState state) {
        return new Environment.Builder().pullRequest(PR).name("shop-pr-42").namespace("shop-pr-42").state(state)
                .desiredState(DesiredState.UP).headSha("0123abc4567def89012345678901234567890abc")
                .image("ghcr.io/acme/shop:0123abc").url("https://shop-pr-42.preview.example.com")
                .createdAt(NOW.minus(Duration.ofHours(2))).updatedAt(NOW).deployedAt(NOW.minus(Duration.ofHours(1)))
                .expiresAt(NOW.plus(Duration.ofHours(71))).requestedBy("octocat").ttl(Duration.ofHours(72));
    }

    private static PullRequestRef pr(String repository, int number) {
        return new PullRequestRef(RepositoryName.parse(repository).orElseThrow(), number);
    }

    /** The message as Slack receives it: the SDK's own JSON of the blocks, beside the fallback text. */
    private static JsonObject json(SlackMessage message) {
        JsonObject json = new JsonObject();
        json.addProperty("text", message.text());
        json.add("blocks", JsonParser.parseString(SLACK_GSON.toJson(message.blocks())));
        return json;
    }

    private static String pretty(SlackMessage message) {
        return PRETTY.toJson(json(message)) + "\n";
    }

    private static List<JsonObject> buttons(JsonObject message) {
        List<JsonObject> buttons = new ArrayList<>();
        message.getAsJsonArray("blocks").forEach(block -> {
            if (block.getAsJsonObject().get("type").getAsString().equals("actions")) {
                block.getAsJsonObject().getAsJsonArray("elements").forEach(button -> buttons.add(button.getAsJsonObject()));
            }
        });
        return buttons;
    }

    /** Every mrkdwn text object in the message, in order. */
    private static List<String> mrkdwnTexts(JsonElement element) {
        List<String> texts = new ArrayList<>();
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("type") && object.get("type").getAsString().equals("mrkdwn")) {
                texts.add(object.get("text").getAsString());
            }
            object.entrySet().forEach(entry -> texts.addAll(mrkdwnTexts(entry.getValue())));
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> texts.addAll(mrkdwnTexts(item)));
        }
        return texts;
    }

    /** What people see or what a button does: every {@code text}, {@code url} and {@code value}. */
    private static List<String> shownStrings(JsonElement element) {
        List<String> strings = new ArrayList<>();
        if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(entry -> {
                if (entry.getValue().isJsonPrimitive() && Set.of("text", "url", "value").contains(entry.getKey())) {
                    strings.add(entry.getValue().getAsString());
                } else {
                    strings.addAll(shownStrings(entry.getValue()));
                }
            });
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> strings.addAll(shownStrings(item)));
        }
        return strings;
    }

    private static List<String> words(String text) {
        return Pattern.compile("[\\p{L}\\p{N}]+").matcher(text).results().map(match -> match.group()).toList();
    }

    private static String text(JsonObject object, String key) {
        return object.getAsJsonObject(key).get("text").getAsString();
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

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
