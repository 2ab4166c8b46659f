package dev.runbot.bot.slack.client;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Builds the one Slack SDK instance runbot uses: its Web API base, a connect timeout and a bound on
 * each whole call, and no statistics (which would call {@code auth.test} first to learn the team,
 * and log the token's first 16 characters at debug level).
 * Only the SDK's synchronous methods client is used: it throws on a 429 instead of waiting, unlike
 * its asynchronous client, which queues calls behind rate limits.
 */
public final class SlackSdk {

    private SlackSdk() {
    }

    /** With runbot's timeouts, for everything that talks to Slack (the Web API client and Bolt alike). */
    public static Slack build(String apiUrl) {
        return build(apiUrl, SlackWebApi.CONNECT_TIMEOUT, SlackWebApi.CALL_TIMEOUT);
    }

    static Slack build(String apiUrl, Duration connectTimeout, Duration callTimeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        config.setStatsEnabled(false);
        int callMillis = Math.toIntExact(callTimeout.toMillis());
        config.setHttpClientReadTimeoutMillis(callMillis);
        config.setHttpClientWriteTimeoutMillis(callMillis);
        config.setHttpClientCallTimeoutMillis(callMillis);
        // The SDK's own builder (user agent, no redirects, proxy settings) plus the connect timeout it has no setting for.
        OkHttpClient okHttp = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return Slack.getInstance(config, new SlackHttpClient(okHttp));
    }
}
