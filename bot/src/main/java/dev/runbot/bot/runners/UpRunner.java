package dev.runbot.bot.runners;

import dev.runbot.bot.dispatch.CommandContext;
import dev.runbot.bot.dispatch.CommandRunner;
import dev.runbot.bot.dispatch.EnvironmentChangeFlow;
import dev.runbot.commands.Command;
import dev.runbot.commands.PullRequestRef;
import dev.runbot.commands.Reply;
import dev.runbot.commands.Verb;
import dev.runbot.provisioner.config.PreviewConfigLookup;
import dev.runbot.provisioner.config.PreviewConfigSource;
import dev.runbot.provisioner.lifecycle.EnvironmentService;
import dev.runbot.provisioner.lifecycle.UpRequest;
import jakarta.inject.Singleton;

/** {@code up}: create the environment, or redeploy it at the pull request's head. */
@Singleton
class UpRunner implements CommandRunner {

    private final EnvironmentService service;
    private final PreviewConfigSource configs;
    private final EnvironmentChangeFlow flow;

    UpRunner(EnvironmentService service, PreviewConfigSource configs, EnvironmentChangeFlow flow) {
        this.service = service;
        this.configs = configs;
        this.flow = flow;
    }

    @Override
    public Verb verb() {
        return Verb.UP;
    }

    @Override
    public Reply run(Command command, CommandContext context) {
        PullRequestRef target = command.target().orElseThrow();
        PreviewConfigLookup lookup = configs.find(target.repository());
        if (!(lookup instanceof PreviewConfigLookup.Found found)) {
            return refusal(lookup);
        }
        UpRequest request = new UpRequest(found.config(), context.headSha(), context.branch(),
                command.duration(), command.overrides(), context.requester());
        return flow.reply(service.up(target, request), true);
    }

    private static Reply refusal(PreviewConfigLookup lookup) {
        if (lookup instanceof PreviewConfigLookup.Missing missing) {
            return Reply.message(Reply.Outcome.NOT_FOUND, missing.message(), "");
        }
        if (lookup instanceof PreviewConfigLookup.Invalid invalid) {
            return Reply.message(Reply.Outcome.INVALID, "The .preview.yaml cannot be used.", invalid.message());
        }
        return Reply.message(Reply.Outcome.ERROR, ((PreviewConfigLookup.Unavailable) lookup).message(), "");
    }
}
