package dev.runbot.bot.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Log in with GitHub": the OAuth web flow at micronaut-security's addresses
 * ({@code /oauth/login/github}, callback {@code /oauth/callback/github}). The {@code state} is a
 * random value kept in a short-lived HttpOnly cookie and compared in constant time, so a callback
 * runbot did not start is refused. Answers 404 while no OAuth client is configured.
 */
@Controller("/oauth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GitHubLoginController {

    static final String STATE_COOKIE = "runbot_oauth_state";
    static final String CALLBACK = "/oauth/callback/github";

    private static final Logger LOG = LoggerFactory.getLogger(GitHubLoginController.class);
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private final GitHubOAuthSettings oauth;
    private final GitHubUsers github;
    private final SessionCookies sessions;
    private final SecureRandom random = new SecureRandom();

    GitHubLoginController(GitHubOAuthSettings oauth, GitHubUsers github, SessionCookies sessions) {
        this.oauth = oauth;
        this.github = github;
        this.sessions = sessions;
    }

    @Get("/login/github")
    public HttpResponse<?> start(HttpRequest<?> request) {
        if (!oauth.enabled()) {
            return HttpResponse.notFound();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StringBuilder authorize = new StringBuilder(oauth.authorizeUrl())
                .append(oauth.authorizeUrl().contains("?") ? '&' : '?')
                .append("client_id=").append(encode(oauth.clientId().orElseThrow()))
                .append("&redirect_uri=").append(encode(SessionCookies.origin(request) + CALLBACK))
                .append("&state=").append(encode(state));
        if (!oauth.scopes().isEmpty()) {
            authorize.append("&scope=").append(encode(String.join(" ", oauth.scopes())));
        }
        return HttpResponse.seeOther(URI.create(authorize.toString())).cookie(stateCookie(state, request)
                .maxAge(STATE_LIFETIME));
    }

    @Get(value = "/callback/github", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> callback(@QueryValue @Nullable String code, @QueryValue @Nullable String state,
                                    @QueryValue @Nullable String error, HttpRequest<?> request) {
        if (!oauth.enabled()) {
            return HttpResponse.notFound();
        }
        Cookie cleared = stateCookie("", request).maxAge(0);
        Optional<String> expected = request.getCookies().findCookie(STATE_COOKIE).map(Cookie::getValue);
        if (error != null) {
            return refused("GitHub did not log you in (" + error + ").", cleared);
        }
        if (code == null || state == null || expected.isEmpty() || !MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            return refused("This login was not started here, or it took longer than 10 minutes.", cleared);
        }
        try {
            String token = github.accessToken(code, SessionCookies.origin(request) + CALLBACK);
            String login = github.login(token);
            LOG.info("dashboard login: {} through GitHub", login);
            return HttpResponse.seeOther(URI.create("/"))
                    .cookie(sessions.cookie(sessions.start(login, token), request))
                    .cookie(cleared);
        } catch (GitHubUsers.LoginFailed e) {
            return refused(e.getMessage(), cleared);
        }
    }

    private HttpResponse<?> refused(String problem, Cookie cleared) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .body(LoginController.page(oauth, problem + " Try \"Log in with GitHub\" again."))
                .cookie(cleared);
    }

    private static Cookie stateCookie(String value, HttpRequest<?> request) {
        return SessionCookies.protect(Cookie.of(STATE_COOKIE, value), request).path("/oauth");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
