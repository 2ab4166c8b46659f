package dev.runbot.bot.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.Optional;

/**
 * The dashboard's pages need a login: without a session cookie runbot sealed, the browser is
 * sent to {@code /login}. The session found is handed to the page as a request attribute.
 */
@ServerFilter({"/", "/environments/**"})
public class LoginFilter {

    static final String SESSION = "runbot.dashboard.session";

    private final SessionCookies sessions;

    LoginFilter(SessionCookies sessions) {
        this.sessions = sessions;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> requireLogin(HttpRequest<?> request) {
        Optional<Session> session = sessions.open(request);
        if (session.isPresent()) {
            request.setAttribute(SESSION, session.get());
            return null;
        }
        return HttpResponse.seeOther(URI.create("/login"));
    }

    /** The session {@link #requireLogin} found; every page behind this filter has one. */
    static Session session(HttpRequest<?> request) {
        return request.getAttribute(SESSION, Session.class)
                .orElseThrow(() -> new IllegalStateException(request.getPath() + " is served without a login"));
    }
}
