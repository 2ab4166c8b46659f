package dev.runbot.bot.slack.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.runbot.bot.slack.client.FakeSlack.STATUS;
import static dev.runbot.bot.slack.client.FakeSlack.fixture;
import static dev.runbot.bot.slack.client.FakeSlack.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbot.bot.deploy.DeployFiles;
import dev.runbot.bot.slack.SlackHost;
import dev.runbot.bot.slack.events.SlackApp;
import dev.runbot.bot.slack.events.SlackEventsController;
import dev.runbot.commands.Verb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/examples/slack-app-manifest.yaml} names runbot's command and routes, and asks for
 * exactly the bot scopes of the Web API methods runbot calls: every {@link SlackHost} method is called
 * against WireMock, and each method Slack would have received is looked up in a table of Slack's scopes.
 */
class SlackAppManifestTest {

    /** Each Web API method runbot may call and the bot scope it takes (Slack's method reference, "Required scopes"). */
    private static final Map<String, Optional<String>> SCOPES = Map.of(
            "chat.postMessage", Optional.of("chat:write"),
            "chat.update", Optional.of("chat:write"),
            "usergroups.users.list", Optional.of("usergroups:read"),
            "auth.test", Optional.empty());

    /**
     * What Bolt calls by itself: its single-team authorization asks {@code auth.test} before it runs a
     * request (SlackFlowTest answers it), which takes no scope.
     */
    private static final Set<String> BOLT_CALLS = Set.of("auth.test");

    /** Scopes that no Web API method needs but the app does, and why. */
    private static final Map<String, String> OTHER_SCOPES = Map.of(
            "commands", "the /preview slash command",
            "chat:write.public", "chat.postMessage to a public channel runbot was not invited to");

    private final Map<String, Object> manifest = DeployFiles.yaml("examples", "slack-app-manifest.yaml");
    private FakeSlack slack;
    private SlackWebApi api;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        slack.server.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(json(200, fixture(SlackWebApiTest.class, "chat-postMessage.json"))));
        slack.server.stubFor(post(urlEqualTo("/api/chat.update"))
                .willReturn(json(200, fixture(SlackWebApiTest.class, "chat-update.json"))));
        slack.server.stubFor(post(urlEqualTo("/api/usergroups.users.list"))
                .willReturn(json(200, fixture(getClass(), "usergroups.users.list.json"))));
        slack.server.stubFor(post(urlEqualTo(FakeSlack.RESPONSE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(fixture(ResponseUrlsTest.class, "ok.txt"))));
        api = new SlackWebApi(slack.settings(), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        slack.close();
    }

    @Test
    void theBotScopesAreExactlyThoseOfTheMethodsRunbotCalls() {
        everyCall().values().forEach(call -> call.accept(api));
        Set<String> called = new TreeSet<>(BOLT_CALLS);
        slack.server.findAll(anyRequestedFor(anyUrl())).stream()
                .map(request -> URI.create(request.getUrl()).getPath())
                .filter(path -> path.startsWith("/api/"))
                .forEach(path -> called.add(path.substring("/api/".length())));

        Set<String> needed = new TreeSet<>(OTHER_SCOPES.keySet());
        for (String method : called) {
            assertThat(SCOPES).as("runbot calls " + method + "; add it and its scope to the table")
                    .containsKey(method);
            SCOPES.get(method).ifPresent(needed::add);
        }

        assertThat(called).as("methods of the table runbot no longer calls").isEqualTo(SCOPES.keySet());
        assertThat(new TreeSet<>(botScopes())).isEqualTo(needed);
    }

    @Test
    void everyMethodOfTheSlackHostIsCalled() {
        Set<String> declared = Arrays.stream(SlackHost.class.getDeclaredMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(everyCall().keySet()).as("a new SlackHost method must be called above, so its Web API"
                + " methods reach the scope table").isEqualTo(declared);
    }

    @Test
    void theSlashCommandIsRunbotsAndGoesToItsRoute() throws NoSuchMethodException {
        List<Map<String, Object>> commands = list(map(manifest.get("features")).get("slash_commands"));

        assertThat(commands).hasSize(1);
        Map<String, Object> command = commands.get(0);
        assertThat(command.get("command")).isEqualTo(defaultCommand());
        assertThat(URI.create((String) command.get("url")).getPath()).isEqualTo(route());
        assertThat((String) command.get("usage_hint")).contains(Arrays.stream(Verb.values()).map(Verb::word)
                .toArray(String[]::new));
    }

    @Test
    void buttonsGoToTheSameRouteOverHttpNotSocketMode() {
        Map<String, Object> settings = map(manifest.get("settings"));
        Map<String, Object> interactivity = map(settings.get("interactivity"));

        assertThat(interactivity.get("is_enabled")).isEqualTo(true);
        assertThat(URI.create((String) interactivity.get("request_url")).getPath()).isEqualTo(route());
        assertThat(settings.get("socket_mode_enabled")).isEqualTo(false);
        assertThat(map(map(manifest.get("features")).get("bot_user")).get("display_name")).isEqualTo("runbot");
    }

    /** Each way runbot talks to Slack, by the SlackHost method that does it. */
    private Map<String, Consumer<SlackHost>> everyCall() {
        Map<String, Consumer<SlackHost>> calls = new LinkedHashMap<>();
        calls.put("post", host -> host.post(FakeSlack.CHANNEL, Optional.of("1503435956.000247"), STATUS));
        calls.put("update", host -> host.update(FakeSlack.CHANNEL, "1503435956.000247", STATUS));
        calls.put("respond", host -> host.respond(slack.responseUrl(), STATUS, true, false));
        calls.put("userGroupMembers", host -> host.userGroupMembers("S0614TZR7"));
        return calls;
    }

    private static String route() {
        return SlackEventsController.class.getAnnotation(Controller.class).value();
    }

    /** The default of {@code runbot.slack.command}, where SlackApp registers the command with Bolt. */
    private static String defaultCommand() {
        Method app = Arrays.stream(SlackApp.class.getDeclaredMethods())
                .filter(method -> method.getName().equals("app"))
                .findFirst().orElseThrow();
        for (Parameter parameter : app.getParameters()) {
            Value value = parameter.getAnnotation(Value.class);
            if (value != null && value.value().startsWith("${runbot.slack.command:")) {
                return value.value().substring("${runbot.slack.command:".length(), value.value().length() - 1);
            }
        }
        throw new AssertionError("SlackApp.app takes no ${runbot.slack.command:...} value");
    }

    private List<String> botScopes() {
        return list(map(map(manifest.get("oauth_config")).get("scopes")).get("bot"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
