package dev.runbot.provisioner.config;

import dev.runbot.commands.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every sentence runbot answers a bad {@code .preview.yaml} with, in one place, so parser and tests
 * agree on the exact words. A sentence names no field itself: {@link ConfigProblem} puts the field
 * in front. Allowed values and limits are read from the schema, so the words cannot drift from it.
 */
final class ConfigMessages {

    static final String FILE = ".preview.yaml";

    static final String EXAMPLE_IMAGE = "ghcr.io/acme/shop";

    static final String TAB = "a tab where YAML allows only spaces. Indent with spaces.";
    static final String UNCLOSED_QUOTE = "a quoted value starts here and is never closed. Add the closing quote.";
    static final String UNCLOSED_LIST = "a list starts here with [ and is never closed. Add the ].";
    static final String UNCLOSED_MAPPING = "a mapping starts here with { and is never closed. Add the }.";
    static final String COLON_IN_VALUE = "a \": \" where no setting can start. Check the indentation, or put a value"
            + " that contains \": \" in quotes.";
    static final String MISSING_COLON = "a line without \":\" among settings. Write each setting as name: value.";
    static final String INDENTATION = "a line indented differently from the lines around it. Line up settings"
            + " of the same level.";
    static final String SEVERAL_DOCUMENTS = "it holds more than one document. Keep one, without a second ---.";

    static final String REFERS_TO_ITSELF = "refers to itself through an alias. Write the value out.";
    static final String KEY_NOT_A_NAME = "has a key that is a list or a mapping. Keys are plain names.";
    static final String MERGE_NEEDS_MAPPING = "merges (<<) something that is not a mapping. Merge a mapping,"
            + " e.g. <<: *defaults.";

    /** Longest piece of YAML's own explanation repeated in a message. */
    private static final int YAML_SAYS_LIMIT = 120;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final List<String> PLACEHOLDERS = List.of("number", "sha", "sha7", "branch");

    private static final PreviewConfigSchema SCHEMA = PreviewConfigSchema.get();
    private static final String PORTS = "between " + SCHEMA.at("/properties/port/minimum").asInt() + " and "
            + SCHEMA.at("/properties/port/maximum").asInt();
    private static final Map<String, Setting> SETTINGS = settings();

    private ConfigMessages() {
    }

    /**
     * How to talk about the values of one setting.
     *
     * @param what     a value the setting takes, with its article: {@code a duration}
     * @param use      a sentence saying what would work: {@code Use 90m, 12h, 2d or 1d12h.}
     * @param choices  for settings with a fixed set of values, those values; empty otherwise
     */
    private record Setting(String what, String use, List<String> choices) {

        static Setting of(String what, String use) {
            return new Setting(what, use, List.of());
        }

        static Setting oneOf(String what, List<String> choices) {
            return new Setting(what, "Use " + or(choices) + ".", choices);
        }
    }

    private static Map<String, Setting> settings() {
        return Map.ofEntries(
                Map.entry("project", Setting.of("a project name", "Use up to 40 lower-case letters, digits and dashes,"
                        + " starting and ending with a letter or digit, e.g. shop.")),
                Map.entry("image", Setting.of("an image repository", "Use a lower-case name without tag or digest,"
                        + " e.g. " + EXAMPLE_IMAGE + ".")),
                Map.entry("tag", Setting.of("a tag template", "Use letters, digits, _, . and - with the placeholders"
                        + " {number}, {sha}, {sha7} and {branch}, e.g. " + PreviewConfig.DEFAULT_TAG + ".")),
                Map.entry("fallbackTag", Setting.of("an image tag", "Use up to 128 letters, digits, _, . and -,"
                        + " starting with a letter, digit or _, e.g. " + PreviewConfig.DEFAULT_FALLBACK_TAG + ".")),
                Map.entry("port", Setting.of("a port", "Use a whole number " + PORTS + ", e.g. 8080.")),
                Map.entry("healthPath", Setting.of("an HTTP path", "Use a path that starts with / and has no spaces,"
                        + " e.g. /healthz.")),
                Map.entry("ttl", Setting.of("a duration", "Use 90m, 12h, 2d or 1d12h.")),
                Map.entry("autoDeploy", Setting.oneOf("a way to deploy", SCHEMA.choices("/properties/autoDeploy"))),
                Map.entry("label", Setting.of("a label name", "Use up to 50 characters without spaces at either end,"
                        + " e.g. preview.")),
                Map.entry("databases", Setting.of("a list", "Use a list, e.g. [postgres, redis].")),
                Map.entry("databases[]", Setting.oneOf("a supported database",
                        SCHEMA.choices("/properties/databases/items"))),
                Map.entry("env", Setting.of("a mapping of names to values", "Use a mapping of names to values,"
                        + " e.g. { LOG_LEVEL: debug }.")),
                Map.entry("env.*", Setting.of("a single value", "Use text, a number or true/false, e.g. debug,"
                        + " or \"\" for an empty value.")),
                Map.entry("resources", Setting.of("a mapping", "Use a mapping, e.g. { cpu: 300m, memory: 512Mi }.")),
                Map.entry("resources.cpu", Setting.of("a CPU amount", "Use millicores or cores, e.g. 300m, 0.5 or 2.")),
                Map.entry("resources.memory", Setting.of("a memory amount", "Use Mi or Gi, e.g. 512Mi or 1Gi.")),
                Map.entry("allowedOverrides", Setting.of("a list", "Use a list, e.g. [replicas, env.FEATURE_FLAG].")),
                Map.entry("allowedOverrides[]", Setting.of("an override key", "Use up to 100 letters, digits, _, . or -,"
                        + " starting with a letter, digit or _, e.g. replicas or env.FEATURE_FLAG.")),
                Map.entry("slackChannel", Setting.of("a Slack channel", "Use the channel name in quotes, e.g."
                        + " \"#shop-previews\" (without quotes # starts a comment), or a channel ID such as C0123456789.")),
                Map.entry("urlSuffix", Setting.oneOf("a URL suffix", SCHEMA.choices("/properties/urlSuffix"))),
                Map.entry("seed", Setting.of("a list", "Use a list of SQL files, e.g. [db/schema.sql, db/seed.sql].")),
                Map.entry("seed[]", Setting.of("a repository path", "Use a path relative to the repository root,"
                        + " e.g. db/seed.sql.")));
    }

    private static Setting setting(FieldPath path) {
        return SETTINGS.getOrDefault(path.setting(), Setting.of("a valid value", "See the .preview.yaml schema."));
    }

    // -- the file as a whole ------------------------------------------------------------------------

    static String fileTooLong(int length, int maximum) {
        return FILE + " is " + length + " characters long; runbot reads files of up to " + maximum + ".";
    }

    static String empty() {
        return FILE + " is empty. It needs at least the image repository, e.g. image: " + EXAMPLE_IMAGE + ".";
    }

    /** @param kind {@code a list}, {@code a single value} */
    static String notAMapping(String kind) {
        return FILE + " must be a mapping of settings, not " + kind + ". Start with e.g. image: " + EXAMPLE_IMAGE + ".";
    }

    static String moreProblems(int more, int listed) {
        return FILE + " has " + more + " more problems; these are the first " + listed + ".";
    }

    static String notYaml(String reason) {
        return FILE + " is not valid YAML: " + reason;
    }

    static String controlCharacter(int codePoint) {
        return FILE + " contains the control character " + String.format(Locale.ROOT, "U+%04X", codePoint)
                + ". Remove it.";
    }

    static String tooManyAliases(int maximum) {
        return FILE + " repeats lists or mappings through aliases more than " + maximum + " times."
                + " Write the settings out.";
    }

    static String tooManyValues(int maximum) {
        return FILE + " expands to more than " + maximum + " values through its aliases. Write the settings out.";
    }

    static String nestedTooDeep(int maximum) {
        return FILE + " nests lists and mappings more than " + maximum + " deep; settings need at most 2.";
    }

    static String globalTag(String tag) {
        return FILE + " uses the tag " + Messages.quote(tag) + ", which runbot does not read. Write plain values.";
    }

    static String cannotStartValue(String character) {
        return "a value cannot start with " + Messages.quote(character) + ". Put the value in quotes.";
    }

    static String undefinedAlias(String name) {
        return "the alias " + Messages.quote("*" + name) + " refers to no anchor. Define "
                + Messages.quote("&" + name) + " before it, or write the value out.";
    }

    /** YAML's own words, for syntax errors runbot has no sentence of its own for. */
    static String yamlSays(String problem) {
        String plain = problem.strip();
        StringBuilder shown = new StringBuilder();
        plain.codePoints().limit(YAML_SAYS_LIMIT).forEach(c -> shown.appendCodePoint(readable(c) ? c : '\uFFFD'));
        String said = shown.length() == 0 ? "it cannot be read" : shown.toString();
        return said.endsWith(".") ? said : said + ".";
    }

    /** As {@link Messages#quote}: no control character or bidirectional override from the file reaches a reply. */
    private static boolean readable(int codePoint) {
        boolean bidiControl = (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        return !Character.isISOControl(codePoint) && !bidiControl;
    }

    // -- one value ------------------------------------------------------------------------------

    static String setTwice(int firstLine, int againLine) {
        return "is set twice, on lines " + firstLine + " and " + againLine + ". Keep one.";
    }

    static String unsupportedTag(String tag) {
        return "is tagged " + Messages.quote(tag) + ", which runbot does not read. Write a plain value.";
    }

    static String unknownSetting(String typed, List<String> known) {
        return ClosestName.among(typed, known)
                .map(name -> "is not a known setting. Did you mean \"" + name + "\"?")
                .orElse("is not a known setting. Known settings: " + String.join(", ", known) + ".");
    }

    /** Only {@code image} has no default; it gets a sentence of its own. */
    static String required(String name) {
        return "image".equals(name)
                ? "is required (the image repository, e.g. " + EXAMPLE_IMAGE + ")."
                : "is required. " + setting(new FieldPath(List.of(name))).use();
    }

    static String noValue(FieldPath path) {
        return "has no value. " + setting(path).use();
    }

    /** A list or mapping where a single value belongs, or the other way round. */
    static String wrongKind(FieldPath path, String kind) {
        Setting setting = setting(path);
        if (!setting.choices().isEmpty()) {
            return mustBeOneOf(setting.choices());
        }
        if ("port".equals(path.setting())) {
            return "must be a whole number " + PORTS + ", e.g. 8080.";
        }
        return "must be " + setting.what() + ", not " + kind + ". " + setting.use();
    }

    /** A single value of the right kind that is not one the setting takes. */
    static String badValue(FieldPath path, String value) {
        String setting = path.setting();
        Setting about = setting(path);
        return switch (setting) {
            case "ttl" -> Messages.notADuration(value);
            case "autoDeploy", "urlSuffix" -> mustBeOneOf(about.choices());
            case "port" -> "must be " + PORTS + ".";
            case "tag" -> unknownPlaceholder(value).orElse(Messages.quote(value) + " is not " + about.what() + ". " + about.use());
            case "seed[]" -> badSeed(value);
            default -> Messages.quote(value) + " is not " + about.what() + ". " + about.use();
        };
    }

    static String durationTooShort(String value) {
        return Messages.durationTooShort(value);
    }

    static String tooLong(int length, int maximum) {
        return "is " + length + " characters long; at most " + maximum + " are allowed.";
    }

    static String tooMany(int count, int maximum) {
        return "has " + count + " entries; at most " + maximum + " are allowed.";
    }

    static String listedTwice(String value) {
        return Messages.quote(value) + " is listed more than once. Keep one.";
    }

    static String badVariableName(String name) {
        return Messages.quote(name) + " is not an environment variable name. Use letters, digits and _,"
                + " not starting with a digit, e.g. LOG_LEVEL.";
    }

    static String seedNeedsSqlDatabase(List<String> sqlDatabases) {
        return "needs an SQL database to run against. Add " + or(sqlDatabases) + " to databases.";
    }

    private static String mustBeOneOf(List<String> choices) {
        return "must be one of " + String.join(", ", choices) + ".";
    }

    /** {@code pr-{pr}}: a placeholder runbot does not fill is the likelier mistake than a bad character. */
    private static Optional<String> unknownPlaceholder(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!PLACEHOLDERS.contains(placeholder.group(1))) {
                return Optional.of(Messages.quote(placeholder.group()) + " is not a placeholder."
                        + " Use {number}, {sha}, {sha7} or {branch}.");
            }
        }
        return Optional.empty();
    }

    /** Says which of the rules for seed paths {@code path} breaks, the ones about leaving the repository first. */
    private static String badSeed(String path) {
        String example = " Use a path relative to the repository root, e.g. db/seed.sql.";
        if (path.startsWith("/") || path.startsWith("\\")) {
            return Messages.quote(path) + " starts with " + path.charAt(0) + "." + example;
        }
        for (String segment : path.split("[/\\\\]", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Messages.quote(path) + " has a \"" + segment + "\" step; seed scripts come from inside the"
                        + " repository." + example;
            }
        }
        if (!path.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return Messages.quote(path) + " is not an SQL script. Name a .sql file, e.g. db/seed.sql.";
        }
        return Messages.quote(path) + " is not a repository path. Use letters, digits, _, ., -, @ and +, with /"
                + " between folders, e.g. db/seed.sql.";
    }

    /** {@code a, b or c} */
    private static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
