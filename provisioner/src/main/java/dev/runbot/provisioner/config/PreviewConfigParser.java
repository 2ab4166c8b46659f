package dev.runbot.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import dev.runbot.commands.Durations;
import dev.runbot.commands.Messages;
import dev.runbot.commands.RepositoryName;
import dev.runbot.provisioner.config.ConfigProblem.Position;
import dev.runbot.provisioner.config.PreviewConfig.AutoDeploy;
import dev.runbot.provisioner.config.PreviewConfig.Resources;
import dev.runbot.provisioner.config.PreviewConfig.UrlSuffix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the text of a repository's {@code .preview.yaml} into its {@link PreviewConfig}, or into every
 * problem that keeps it from being one, each naming the setting and saying what would work. The JSON
 * Schema shipped in the jar decides what is valid; this class adds what a schema cannot say (a
 * duration's length, seed scripts needing an SQL database) and the words. It reads nothing and never
 * throws for the text it is given.
 */
public final class PreviewConfigParser {

    private static final PreviewConfigSchema SCHEMA = PreviewConfigSchema.get();

    /** More problems than this are counted, not listed: a reply is read by a person. */
    static final int MOST_PROBLEMS_LISTED = 20;

    private PreviewConfigParser() {
    }

    /**
     * @param yamlText   the file as it is in the repository; {@code null} reads as empty
     * @param repository whose file it is, for the defaults of what the file leaves out
     */
    public static PreviewConfigResult parse(String yamlText, RepositoryName repository) {
        Objects.requireNonNull(repository, "repository");
        YamlDocument.Outcome outcome = YamlDocument.read(yamlText == null ? "" : yamlText);
        if (outcome instanceof YamlDocument.Unreadable unreadable) {
            return new PreviewConfigResult.Invalid(List.of(unreadable.problem()));
        }
        YamlDocument.Read read = (YamlDocument.Read) outcome;
        Optional<JsonNode> document = read.root().filter(root -> !root.isNull());
        if (document.isEmpty()) {
            return new PreviewConfigResult.Invalid(read.findings().isEmpty()
                    ? List.of(new ConfigProblem("", Optional.empty(), ConfigMessages.empty()))
                    : problems(read.findings()));
        }
        if (!(document.get() instanceof ObjectNode root)) {
            String kind = document.get().isArray() ? "a list" : "a single value";
            return new PreviewConfigResult.Invalid(List.of(
                    new ConfigProblem("", read.valueAt(FieldPath.ROOT), ConfigMessages.notAMapping(kind))));
        }
        List<Finding> findings = new ArrayList<>(read.findings());
        Set<FieldPath> reported = new HashSet<>();
        findings.forEach(finding -> finding.about().ifPresent(reported::add));
        for (ValidationMessage message : SCHEMA.validate(root, read.plainScalars())) {
            Finding finding = finding(message, read);
            if (finding.about().map(about -> !within(about, reported)).orElse(true)) {
                findings.add(finding);
                finding.about().ifPresent(reported::add);
            }
        }
        checkTtl(root, read, findings);
        checkSeedDatabase(root, read, findings);
        return findings.isEmpty()
                ? new PreviewConfigResult.Valid(build(root, repository))
                : new PreviewConfigResult.Invalid(problems(findings));
    }

    /** One problem per value: a value already reported, or one inside it, is not reported again. */
    private static boolean within(FieldPath path, Set<FieldPath> reported) {
        for (int length = 0; length <= path.elements().size(); length++) {
            if (reported.contains(new FieldPath(path.elements().subList(0, length)))) {
                return true;
            }
        }
        return false;
    }

    /** In the order of the file, what is missing (and so has no place) last; past a screenful, only counted. */
    private static List<ConfigProblem> problems(List<Finding> findings) {
        Comparator<Optional<Position>> byPlace = Comparator.comparing(at -> at.orElse(null),
                Comparator.nullsLast(Comparator.naturalOrder()));
        List<ConfigProblem> sorted = findings.stream().map(Finding::problem)
                .sorted(Comparator.comparing(ConfigProblem::position, byPlace))
                .toList();
        if (sorted.size() <= MOST_PROBLEMS_LISTED) {
            return sorted;
        }
        List<ConfigProblem> listed = new ArrayList<>(sorted.subList(0, MOST_PROBLEMS_LISTED));
        listed.add(new ConfigProblem("", Optional.empty(),
                ConfigMessages.moreProblems(sorted.size() - MOST_PROBLEMS_LISTED, MOST_PROBLEMS_LISTED)));
        return listed;
    }

    /** One schema verdict in runbot's words, about the value it concerns and where that is written. */
    private static Finding finding(ValidationMessage message, YamlDocument.Read read) {
        FieldPath at = FieldPath.of(message.getInstanceLocation());
        JsonNode value = message.getInstanceNode();
        String property = message.getProperty();
        switch (message.getType()) {
            case "additionalProperties" -> {
                FieldPath unknown = at.child(property);
                List<String> known = PreviewConfigSchema.propertyNames(SCHEMA.at(message, 1));
                return Finding.at(unknown, new ConfigProblem(unknown.toString(), read.keyAt(unknown),
                        ConfigMessages.unknownSetting(property, known)));
            }
            case "required" -> {
                FieldPath missing = at.child(property);
                return Finding.at(missing, new ConfigProblem(missing.toString(), Optional.empty(),
                        ConfigMessages.required(property)));
            }
            case "propertyNames" -> {
                FieldPath name = at.child(property);
                return Finding.at(name, new ConfigProblem(at.toString(), read.keyAt(name),
                        ConfigMessages.badVariableName(property)));
            }
            case "uniqueItems" -> {
                int again = firstRepeat(value);
                FieldPath repeated = at.index(again);
                return Finding.at(repeated, new ConfigProblem(repeated.toString(), read.valueAt(repeated),
                        ConfigMessages.listedTwice(written(value.get(again), repeated, read))));
            }
            case "maxItems", "maxProperties" -> {
                return about(at, read, ConfigMessages.tooMany(value.size(), message.getSchemaNode().asInt()));
            }
            case "maxLength" -> {
                String text = value.asText();
                return about(at, read, ConfigMessages.tooLong(text.codePointCount(0, text.length()),
                        message.getSchemaNode().asInt()));
            }
            case "type" -> {
                return about(at, read, value.isNull() ? ConfigMessages.noValue(at) : ConfigMessages.wrongKind(at, kind(value)));
            }
            default -> {
                if (value.isNull()) {
                    return about(at, read, ConfigMessages.noValue(at));
                }
                return about(at, read, value.isContainerNode()
                        ? ConfigMessages.wrongKind(at, kind(value))
                        : ConfigMessages.badValue(at, written(value, at, read)));
            }
        }
    }

    private static Finding about(FieldPath at, YamlDocument.Read read, String message) {
        return Finding.at(at, new ConfigProblem(at.toString(), read.valueAt(at), message));
    }

    /** A value as its author wrote it: {@code 0x1F}, not 31. */
    private static String written(JsonNode value, FieldPath at, YamlDocument.Read read) {
        return value.isTextual() ? value.asText() : read.plainScalars().getOrDefault(at, value.toString());
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return "true or false";
        }
        return value.isNumber() ? "a number" : Messages.quote(value.asText());
    }

    private static int firstRepeat(JsonNode items) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (!seen.add(items.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /** A TTL the schema lets through must still be one the commands accept: {@code 0m} and {@code 5m} are not. */
    private static void checkTtl(ObjectNode root, YamlDocument.Read read, List<Finding> findings) {
        FieldPath ttl = FieldPath.ROOT.child("ttl");
        JsonNode value = root.get("ttl");
        if (value == null || !value.isTextual() || reported(ttl, findings)) {
            return;
        }
        Optional<Duration> duration = Durations.parse(value.asText());
        if (duration.isEmpty()) {
            findings.add(about(ttl, read, ConfigMessages.badValue(ttl, value.asText())));
        } else if (duration.get().compareTo(Durations.MINIMUM) < 0) {
            findings.add(about(ttl, read, ConfigMessages.durationTooShort(value.asText())));
        }
    }

    /** Seed scripts run against the first SQL database, so there has to be one. */
    private static void checkSeedDatabase(ObjectNode root, YamlDocument.Read read, List<Finding> findings) {
        FieldPath seed = FieldPath.ROOT.child("seed");
        FieldPath databases = FieldPath.ROOT.child("databases");
        JsonNode scripts = root.path("seed");
        if (!scripts.isArray() || scripts.isEmpty() || reported(seed, findings) || reported(databases, findings)) {
            return;
        }
        List<Database> chosen = strings(root, "databases").orElse(List.of()).stream()
                .flatMap(key -> Database.byKey(key).stream()).toList();
        if (chosen.stream().noneMatch(Database::sql)) {
            List<String> sql = SCHEMA.choices("/properties/databases/items").stream()
                    .filter(key -> Database.byKey(key).map(Database::sql).orElse(false)).toList();
            findings.add(about(seed, read, ConfigMessages.seedNeedsSqlDatabase(sql)));
        }
    }

    private static boolean reported(FieldPath path, List<Finding> findings) {
        return findings.stream().anyMatch(finding -> finding.covers(path)
                || finding.about().map(about -> about.startsWith(path)).orElse(false));
    }

    /** Only called once the schema passed: every value is there in the form the schema promises. */
    private static PreviewConfig build(ObjectNode root, RepositoryName repository) {
        PreviewConfig defaults = PreviewConfig.defaults(repository);
        JsonNode resources = root.path("resources");
        Map<String, String> env = new LinkedHashMap<>();
        root.path("env").fields().forEachRemaining(variable -> env.put(variable.getKey(), variable.getValue().asText()));
        return new PreviewConfig(
                text(root, "project"),
                root.path("image").asText(),
                text(root, "tag").orElse(defaults.tag()),
                text(root, "fallbackTag").or(defaults::fallbackTag),
                root.has("port") ? root.get("port").asInt() : defaults.port(),
                text(root, "healthPath").orElse(defaults.healthPath()),
                text(root, "ttl").flatMap(Durations::parse).or(defaults::ttl),
                text(root, "autoDeploy").map(word -> AutoDeploy.valueOf(word.toUpperCase(Locale.ROOT)))
                        .orElse(defaults.autoDeploy()),
                text(root, "label").orElse(defaults.label()),
                strings(root, "databases").map(keys -> keys.stream().map(key -> Database.byKey(key).orElseThrow()).toList())
                        .orElse(defaults.databases()),
                root.has("env") ? env : defaults.env(),
                new Resources(text(resources, "cpu").orElse(defaults.resources().cpu()),
                        text(resources, "memory").orElse(defaults.resources().memory())),
                strings(root, "allowedOverrides").orElse(defaults.allowedOverrides()),
                text(root, "slackChannel").or(defaults::slackChannel),
                text(root, "urlSuffix").map(word -> UrlSuffix.valueOf(word.toUpperCase(Locale.ROOT)))
                        .orElse(defaults.urlSuffix()),
                strings(root, "seed").orElse(defaults.seed()));
    }

    private static Optional<String> text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<List<String>> strings(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isArray()) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        value.forEach(item -> strings.add(item.asText()));
        return Optional.of(strings);
    }
}
