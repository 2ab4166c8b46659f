package dev.runbot.bot.api;

import dev.runbot.commands.Reply;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A body over the size limit is answered like every other refusal: a reply saying what would work. */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
public class ApiErrors implements ExceptionHandler<ContentLengthExceededException, HttpResponse<Reply>> {

    @Override
    public HttpResponse<Reply> handle(HttpRequest request, ContentLengthExceededException exception) {
        if (request.getPath().startsWith("/webhooks/")) {
            return HttpResponse.<Reply>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Reply.invalid(
                    "The body is larger than 1 MiB, the most runbot accepts from a webhook; the delivery changes"
                            + " nothing."));
        }
        return tooLarge();
    }

    /** The answer to a command larger than {@link CommandController#LIMIT}. */
    static HttpResponse<Reply> tooLarge() {
        return HttpResponse.<Reply>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(Reply.invalid(
                "The body is larger than 64 KiB, the most runbot accepts. Send only the command."));
    }
}
