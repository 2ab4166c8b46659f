package dev.runbot.bot.github.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runbot.bot.github.GitHubException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.kohsuke.github.HttpException;

/**
 * Turns whatever went wrong talking to GitHub into one {@link GitHubException}: rate limits and
 * outages are retryable (with GitHub's wait when it gave one), every other refusal is final and
 * says what GitHub said.
 */
final class Failures {

    /** GitHub's advice when a secondary limit names no wait: at least a minute. */
    static final Duration UNNAMED_LIMIT_WAIT = Duration.ofMinutes(1);

    private final Clock clock;

    /** @param clock "now" for turning {@code x-ratelimit-reset} into a wait */
    Failures(Clock clock) {
        this.clock = clock;
    }

    /** Something runbot does against GitHub, which may fail. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs the call; any failure comes out as a GitHubException whose message starts with {@code doing}. */
    <T> T attempt(String doing, Call<T> call) {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            throw of(doing, e);
        }
    }

    /** The GitHubException for an error answer (status 400 or more). */
    GitHubException of(Answer answer) {
        int status = answer.status();
        boolean limited = answer.limited();
        boolean retryable = limited || status >= 500;
        Optional<Duration> wait = limited ? Optional.of(limitWait(answer)) : Optional.empty();
        String message = answer.message().map(said -> said + " (HTTP " + status + ")")
                .orElse("HTTP " + status);
        return new GitHubException(message, status, retryable, wait, null);
    }

    /** The GitHubException for a call that got no answer at all: retryable, status 0. */
    static GitHubException unanswered(String what, Throwable cause) {
        return new GitHubException(what, 0, true, Optional.empty(), cause);
    }

    /** GitHub answered, but not with anything runbot can use: final. */
    static GitHubException unusable(String what, int status) {
        return new GitHubException(what, status, false, Optional.empty(), null);
    }

    /**
     * Maps what a call threw: a GitHubException anywhere in the causes wins (it came from our
     * connector or limit handlers), then kohsuke's 404 and HTTP exceptions, then unreadable answers;
     * any other IOException means no usable answer came. Other runtime exceptions are bugs and are
     * rethrown as they are.
     */
    GitHubException of(String doing, Exception thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof GitHubException failure) {
                return new GitHubException(doing + ": " + failure.getMessage(), failure.status(),
                        failure.retryable(), failure.retryAfter(), failure);
            }
            if (cause instanceof FileNotFoundException) {
                return new GitHubException(doing + ": not found (HTTP 404)", 404, false, Optional.empty(), thrown);
            }
            if (cause instanceof HttpException http && http.getResponseCode() >= 400) {
                Answer answer = new Answer(http.getResponseCode(), http.getResponseHeaderFields(), http.getMessage());
                GitHubException failure = of(answer);
                return new GitHubException(doing + ": " + failure.getMessage(), failure.status(),
                        failure.retryable(), failure.retryAfter(), thrown);
            }
            if (cause instanceof JsonProcessingException) {
                return new GitHubException(doing + ": GitHub's answer could not be read", 0, false,
                        Optional.empty(), thrown);
            }
        }
        if (thrown instanceof RuntimeException bug && !hasIoCause(thrown)) {
            throw bug;
        }
        return unanswered(doing + ": no answer from GitHub (" + thrown.getClass().getSimpleName() + ": "
                + thrown.getMessage() + ")", thrown);
    }

    /** Retry-After (seconds or a date), else until x-ratelimit-reset when the quota is spent, else a minute. */
    Duration limitWait(Answer answer) {
        Instant now = clock.instant();
        Optional<Duration> retryAfter = answer.header("Retry-After").flatMap(value -> retryAfter(value, now));
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        if (answer.header("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            Optional<Duration> untilReset = answer.header("x-ratelimit-reset").flatMap(Failures::epochSeconds)
                    .map(reset -> nonNegative(Duration.between(now, reset)));
            if (untilReset.isPresent()) {
                return untilReset.get();
            }
        }
        return UNNAMED_LIMIT_WAIT;
    }

    private static Optional<Duration> retryAfter(String value, Instant now) {
        String trimmed = value.strip();
        try {
            return Optional.of(nonNegative(Duration.ofSeconds(Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(nonNegative(Duration.between(now, at)));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Instant> epochSeconds(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
        } catch (NumberFormatException malformed) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static boolean hasIoCause(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
