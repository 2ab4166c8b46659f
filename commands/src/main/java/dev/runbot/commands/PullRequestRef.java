package dev.runbot.commands;

/** One pull request: the unit a preview environment belongs to. */
public record PullRequestRef(RepositoryName repository, int number) {

    public PullRequestRef {
        if (repository == null) {
            throw new IllegalArgumentException("a pull request needs a repository");
        }
        if (number < 1) {
            throw new IllegalArgumentException("pull request numbers start at 1, not " + number);
        }
    }

    @Override
    public String toString() {
        return repository + "#" + number;
    }
}
