package dev.runbot.bot.api;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.Dispatcher;
import dev.runbot.bot.dispatch.Permission;
import dev.runbot.commands.CommandParser;
import dev.runbot.commands.Reply;
import dev.runbot.provisioner.lifecycle.Channel;
import dev.runbot.provisioner.lifecycle.Requester;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.Optional;

/** {@code POST /api/v1/commands}: the same commands as GitHub and Slack, answered as JSON. */
@Controller("/api/v1/commands")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommandController {

    /** The largest command body taken; webhooks may be larger, commands never need to be. */
    static final int LIMIT = 65_536;
    private static final String EXAMPLE = "{\"text\": \"/preview up\", \"repository\": \"acme/shop\", \"pullRequest\": 42}";

    private final JsonMapper json;
    private final CommandParser parser;
    private final Dispatcher dispatcher;

    CommandController(JsonMapper json, CommandParser parser, Dispatcher dispatcher) {
        this.json = json;
        this.parser = parser;
        this.dispatcher = dispatcher;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Reply> run(@Body byte[] body) {
        if (body.length > LIMIT) {
            return ApiErrors.tooLarge();
        }
        CommandRequest request;
        try {
            request = json.readValue(body, Argument.of(CommandRequest.class));
        } catch (IOException | RuntimeException e) {
            return ApiReplies.badRequest("The body is not a JSON command. Send " + EXAMPLE + ".");
        }
        if (request == null) {
            return ApiReplies.badRequest("The body is empty. Send " + EXAMPLE + ".");
        }
        Optional<CommandRequestCheck.Problem> problem = CommandRequestCheck.problem(request);
        if (problem.isPresent()) {
            return HttpResponse.<Reply>status(problem.get().status()).body(Reply.invalid(problem.get().message()));
        }
        String requester = request.requestedBy() == null ? "api" : request.requestedBy();
        CommandContext context = new CommandContext(new Requester(requester, Channel.API), Permission.WRITE,
                Optional.ofNullable(request.headSha()), Optional.empty());
        Reply reply = dispatcher.handle(parser.parseText(request.text(), CommandRequestCheck.target(request)), context)
                .orElseGet(() -> Reply.invalid("There is no command in " + EXAMPLE + " form to run. Try /preview help."));
        return ApiReplies.respond(reply);
    }
}
