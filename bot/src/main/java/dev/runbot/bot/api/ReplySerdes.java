package dev.runbot.bot.api;

import dev.runbot.commands.Reply;
import io.micronaut.serde.annotation.SerdeImport;

/** The reply model lives in the framework-free commands module; the API serializes it as it is. */
@SerdeImport(Reply.class)
@SerdeImport(Reply.Field.class)
@SerdeImport(Reply.Link.class)
@SerdeImport(Reply.Action.class)
@SerdeImport(Reply.Outcome.class)
@SerdeImport(Reply.LinkKind.class)
final class ReplySerdes {

    private ReplySerdes() {
    }
}
