package dev.runbot.bot.web;

import dev.runbot.bot.api.ApiToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logging in to the dashboard and out of it. Without GitHub OAuth configured, the login page
 * takes the API token in a form (never in a URL) and answers a right one with a session cookie;
 * with it, the page offers "Log in with GitHub" ({@link GitHubLoginController}).
 */
@Controller
public class LoginController {

    static final String TOKEN_HELP = "Paste runbot's API token: the value of runbot.api.token, or else the"
            + " contents of the file api-token in runbot's data directory (runbot.data-dir).";

    private final ApiToken token;
    private final SessionCookies sessions;
    private final GitHubOAuthSettings oauth;

    LoginController(ApiToken token, SessionCookies sessions, GitHubOAuthSettings oauth) {
        this.token = token;
        this.sessions = sessions;
        this.oauth = oauth;
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> page(HttpRequest<?> request) {
        if (sessions.open(request).isPresent()) {
            return HttpResponse.seeOther(URI.create("/"));
        }
        return HttpResponse.ok(page(oauth, null));
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> logIn(@Body("token") @Nullable String presented, HttpRequest<?> request) {
        if (oauth.enabled()) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(page(oauth,
                    "This runbot logs in with GitHub, not with the API token. Use \"Log in with GitHub\"."));
        }
        if (presented == null || presented.isBlank()) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(page(oauth,
                    "No token was sent. " + TOKEN_HELP));
        }
        if (!token.matches(presented.strip())) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(page(oauth, "That token is wrong. " + TOKEN_HELP));
        }
        Session session = sessions.start(Session.API_TOKEN, null);
        return HttpResponse.seeOther(URI.create("/")).cookie(sessions.cookie(session, request));
    }

    /** Ends the session; a GET works too, because all it can do is log someone out. */
    @Get("/logout")
    public HttpResponse<?> logOut(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/login")).cookie(sessions.cleared(request));
    }

    @Post(value = "/logout", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    public HttpResponse<?> logOutByForm(HttpRequest<?> request) {
        return logOut(request);
    }

    /** The login page, with what went wrong if anything did. */
    static ModelAndView<Map<String, Object>> page(GitHubOAuthSettings oauth, @Nullable String problem) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Log in");
        model.put("github", oauth.enabled());
        model.put("problem", problem);
        model.put("help", oauth.enabled()
                ? "Log in with your GitHub account; you will see the environments of the repositories you can read."
                : TOKEN_HELP);
        return new ModelAndView<>("login", model);
    }
}
