package dev.runbot.bot.github.client;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/** Counts what kohsuke hands to the connector, to see whether anything above the connector retries. */
final class CountingConnector implements GitHubConnector {

    final AtomicInteger sends = new AtomicInteger();
    private final GitHubConnector delegate;

    CountingConnector(GitHubConnector delegate) {
        this.delegate = delegate;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        sends.incrementAndGet();
        return delegate.send(request);
    }
}
