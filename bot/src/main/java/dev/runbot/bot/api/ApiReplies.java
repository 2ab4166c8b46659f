package dev.runbot.bot.api;

import dev.runbot.commands.Reply;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

/** The HTTP status each kind of reply deserves. */
final class ApiReplies {

    private ApiReplies() {
    }

    static HttpResponse<Reply> respond(Reply reply) {
        return HttpResponse.<Reply>status(status(reply.outcome())).body(reply);
    }

    static HttpResponse<Reply> badRequest(String message) {
        return HttpResponse.<Reply>status(HttpStatus.BAD_REQUEST).body(Reply.invalid(message));
    }

    static HttpStatus status(Reply.Outcome outcome) {
        return switch (outcome) {
            case DONE, INFO, FAILED -> HttpStatus.OK;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case REFUSED -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
