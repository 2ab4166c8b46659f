package dev.runbot.bot.api;

import dev.runbot.commands.Reply;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Every {@code /api/**} call needs {@code Authorization: Bearer <token>}; nothing else gets through. */
@ServerFilter("/api/**")
public class ApiTokenFilter {

    private static final String BEARER = "Bearer ";

    private final ApiToken token;

    ApiTokenFilter(ApiToken token) {
        this.token = token;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(header.substring(BEARER.length()).strip())) {
            return null;
        }
        String problem = header == null ? "The request has no API token." : "The API token is wrong.";
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"runbot\"")
                .body(Reply.message(Reply.Outcome.FORBIDDEN, problem + " Send \"Authorization: Bearer <token>\";"
                        + " the token is runbot.api.token, or the file api-token in runbot's data directory.", ""));
    }
}
