package dev.runbot.provisioner.environment;

import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.RepositoryName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The preview environment of one pull request: what was asked for, what runbot last saw, and
 * the deadlines that end it. One row per pull request; a destroyed environment keeps its row
 * as history and is brought back by the next {@code up}.
 *
 * @param repositoryKey lower-cased {@code owner/name}, the lookup key (GitHub names ignore case)
 * @param deployedAt    when the environment was last (re)deployed; TTL and maximum lifetime count from here
 * @param expiryWarnedFor the expiry people were last warned about; a moved expiry is warned about again
 * @param ttl           the TTL asked for with the last {@code up}
 * @param overrides     the {@code --set} pairs of the last {@code up}
 * @param version       optimistic lock: two writers never both win
 */
@MappedEntity("environment")
public record Environment(
        @Id @GeneratedValue @Nullable Long id,
        String repository,
        String repositoryKey,
        int pullRequest,
        String name,
        String namespace,
        EnvironmentState state,
        DesiredState desiredState,
        @Nullable String headSha,
        @Nullable String image,
        String url,
        boolean dryRun,
        Instant createdAt,
        Instant updatedAt,
        Instant deployedAt,
        Instant expiresAt,
        @Nullable Instant pinnedUntil,
        @Nullable Instant expiryWarnedFor,
        String requestedBy,
        @Nullable String lastError,
        @TypeDef(type = DataType.LONG, converter = DurationConverter.class) Duration ttl,
        @TypeDef(type = DataType.STRING, converter = OverridesConverter.class) Map<String, String> overrides,
        @Version @Nullable Long version) {

    public Environment {
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    public PullRequestRef pullRequestRef() {
        RepositoryName parsed = RepositoryName.parse(repository)
                .orElseThrow(() -> new IllegalStateException("stored repository is malformed: " + repository));
        return new PullRequestRef(parsed, pullRequest);
    }

    /** The pin, if it has not ended by {@code now}. */
    public Optional<Instant> pinnedAt(Instant now) {
        return Optional.ofNullable(pinnedUntil).filter(until -> until.isAfter(now));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies an environment with some fields changed; records have no other way. */
    public static final class Builder {
        private Long id;
        private String repository;
        private String repositoryKey;
        private int pullRequest;
        private String name;
        private String namespace;
        private EnvironmentState state;
        private DesiredState desiredState;
        private String headSha;
        private String image;
        private String url;
        private boolean dryRun;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deployedAt;
        private Instant expiresAt;
        private Instant pinnedUntil;
        private Instant expiryWarnedFor;
        private String requestedBy;
        private String lastError;
        private Duration ttl;
        private Map<String, String> overrides = Map.of();
        private Long version;

        public Builder() {
        }

        private Builder(Environment from) {
            id = from.id;
            repository = from.repository;
            repositoryKey = from.repositoryKey;
            pullRequest = from.pullRequest;
            name = from.name;
            namespace = from.namespace;
            state = from.state;
            desiredState = from.desiredState;
            headSha = from.headSha;
            image = from.image;
            url = from.url;
            dryRun = from.dryRun;
            createdAt = from.createdAt;
            updatedAt = from.updatedAt;
            deployedAt = from.deployedAt;
            expiresAt = from.expiresAt;
            pinnedUntil = from.pinnedUntil;
            expiryWarnedFor = from.expiryWarnedFor;
            requestedBy = from.requestedBy;
            lastError = from.lastError;
            ttl = from.ttl;
            overrides = from.overrides;
            version = from.version;
        }

        public Builder pullRequest(PullRequestRef ref) {
            repository = ref.repository().toString();
            repositoryKey = ref.repository().key();
            pullRequest = ref.number();
            return this;
        }

        public Builder name(String value) { name = value; return this; }
        public Builder namespace(String value) { namespace = value; return this; }
        public Builder state(EnvironmentState value) { state = value; return this; }
        public Builder desiredState(DesiredState value) { desiredState = value; return this; }
        public Builder headSha(String value) { headSha = value; return this; }
        public Builder image(String value) { image = value; return this; }
        public Builder url(String value) { url = value; return this; }
        public Builder dryRun(boolean value) { dryRun = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        public Builder deployedAt(Instant value) { deployedAt = value; return this; }
        public Builder expiresAt(Instant value) { expiresAt = value; return this; }
        public Builder pinnedUntil(Instant value) { pinnedUntil = value; return this; }
        public Builder expiryWarnedFor(Instant value) { expiryWarnedFor = value; return this; }
        public Builder requestedBy(String value) { requestedBy = value; return this; }
        public Builder lastError(String value) { lastError = value; return this; }
        public Builder ttl(Duration value) { ttl = value; return this; }
        public Builder overrides(Map<String, String> value) { overrides = value; return this; }

        public Environment build() {
            return new Environment(id, repository, repositoryKey, pullRequest, name, namespace, state, desiredState,
                    headSha, image, url, dryRun, createdAt, updatedAt, deployedAt, expiresAt, pinnedUntil,
                    expiryWarnedFor, requestedBy, lastError, ttl, overrides, version);
        }
    }
}
