package dev.runbot.commands;

import java.util.Optional;

/**
 * How a channel decides which pull request a command acts on: a comment acts on its own pull
 * request, Slack needs one named (or {@code #N} with the channel's repository), REST gets one beside the text.
 */
@FunctionalInterface
interface TargetRule {

    /**
     * The pull request {@code verb} acts on, given the target word typed, if any; throws
     * {@link Invalid} when the verb needs one and none can be found, or the typed one is wrong.
     */
    Optional<PullRequestRef> resolve(Verb verb, Optional<String> typed);

    /** Whether a verb acts on one pull request; {@code list} and {@code help} do not. */
    static boolean needs(Verb verb) {
        return verb != Verb.LIST && verb != Verb.HELP;
    }

    /** In a comment the pull request is the one commented on; naming one is a mistake worth pointing out. */
    static TargetRule comment(PullRequestRef pullRequest) {
        return (verb, typed) -> {
            if (typed.isPresent()) {
                throw new Invalid(Messages.targetInComment(typed.get(), pullRequest));
            }
            return Optional.of(pullRequest);
        };
    }

    /** In Slack the pull request is typed; {@code #N} takes the repository mapped to the channel. */
    static TargetRule channel(Optional<RepositoryName> channelRepository) {
        return (verb, typed) -> required(verb, typed.map(TypedTarget::parse).flatMap(target -> target.in(channelRepository)));
    }

    /**
     * Over REST the pull request is given beside the text; one typed in the text is accepted when
     * none is given, or when it names the same one.
     */
    static TargetRule given(Optional<PullRequestRef> given) {
        return (verb, typed) -> {
            if (typed.isEmpty()) {
                return required(verb, given);
            }
            PullRequestRef named = required(verb, TypedTarget.parse(typed.get()).in(given.map(PullRequestRef::repository))).orElseThrow();
            if (given.isPresent() && !same(given.get(), named)) {
                throw new Invalid(Messages.conflictingTargets(typed.get(), given.get()));
            }
            return given.or(() -> Optional.of(named));
        };
    }

    private static Optional<PullRequestRef> required(Verb verb, Optional<PullRequestRef> target) {
        if (target.isEmpty() && needs(verb)) {
            throw new Invalid(Messages.whichPullRequest(verb));
        }
        return target;
    }

    private static boolean same(PullRequestRef a, PullRequestRef b) {
        return a.number() == b.number() && a.repository().key().equals(b.repository().key());
    }
}
