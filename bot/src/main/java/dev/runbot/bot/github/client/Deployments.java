package dev.runbot.bot.github.client;

import dev.runbot.bot.github.DeploymentStatus;
import dev.runbot.commands.RepositoryName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preview environments as GitHub deployments: created transient and never production, without
 * waiting for status checks; their statuses are posted by id, which may exceed an int.
 */
final class Deployments {

    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);
    private static final int SHORT_SHA = 7;

    private final Repositories repositories;
    private final RestCalls rest;
    private final Credentials credentials;
    private final Failures failures;

    Deployments(Repositories repositories, RestCalls rest, Credentials credentials, Failures failures) {
        this.repositories = repositories;
        this.rest = rest;
        this.credentials = credentials;
        this.failures = failures;
    }

    /**
     * {@code required_contexts: []} because GitHub otherwise refuses (409) while checks are pending;
     * {@code auto_merge: false} because a deployment must never push to the pull request.
     */
    long create(RepositoryName repository, String sha, String environment, String description) {
        String doing = "creating deployment \"%s\" at %s in %s".formatted(environment, shortSha(sha), repository);
        return failures.attempt(doing, () -> {
            LOG.info(doing);
            long id = repositories.get(repository).createDeployment(sha)
                    .environment(environment)
                    .description(description)
                    .transientEnvironment(true)
                    .productionEnvironment(false)
                    .autoMerge(false)
                    .requiredContexts(List.of())
                    .create()
                    .getId();
            LOG.debug("deployment \"{}\" in {} is {}", environment, repository, id);
            return id;
        });
    }

    /**
     * Posted directly: kohsuke 1.330 takes a deployment id as an int for this, or fetches the
     * deployment first. {@code auto_inactive} on success retires the environment's older deployments.
     */
    void status(RepositoryName repository, long deploymentId, DeploymentStatus status) {
        String doing = "setting deployment %d in %s to \"%s\"".formatted(deploymentId, repository, status.state().word());
        failures.attempt(doing, () -> {
            LOG.info(doing);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("state", status.state().word());
            body.put("description", status.description());
            status.environmentUrl().ifPresent(url -> body.put("environment_url", url));
            status.logUrl().ifPresent(url -> body.put("log_url", url));
            if (status.state() == DeploymentStatus.State.SUCCESS) {
                body.put("auto_inactive", true);
            }
            return rest.send("POST", "/repos/" + repository + "/deployments/" + deploymentId + "/statuses", body,
                    credentials.authorization(repository));
        });
    }

    private static String shortSha(String sha) {
        return sha.length() > SHORT_SHA ? sha.substring(0, SHORT_SHA) : sha;
    }
}
