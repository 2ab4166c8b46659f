package dev.runbot.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbot.provisioner.config.ConfigProblem.Position;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads YAML text into the JSON tree the schema checks, remembering where each key and value was
 * written. Only YAML's own types come out, constructed by SnakeYAML's {@link SafeConstructor} (global
 * tags are refused before that), and size, nesting and aliases are bounded so no file is expensive to read.
 */
final class YamlDocument {

    /** A {@code .preview.yaml} is a few dozen lines; anything this long is not one. */
    static final int MAX_CHARACTERS = 64 * 1024;

    /** Aliases of lists and mappings (each may repeat a whole subtree) a file may use. */
    static final int MAX_COLLECTION_ALIASES = 20;

    /** How deep lists and mappings may nest; the schema needs 2. */
    static final int MAX_NESTING = 20;

    /**
     * Values the tree may hold once aliases are expanded; the last guard against alias bombs. Without
     * aliases {@link #MAX_CHARACTERS} holds at most one value per two characters, fewer than this.
     */
    static final int MAX_VALUES = 40_000;

    private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias (.*)");
    private static final Pattern BAD_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");
    private static final Pattern GLOBAL_TAG = Pattern.compile("Global tag is not allowed: (.*)");

    private YamlDocument() {
    }

    /** How reading went: a tree, or one problem that kept the text from being YAML at all. */
    sealed interface Outcome permits Read, Unreadable {
    }

    /**
     * @param root         the document; empty when it has none (an empty file, only comments)
     * @param keys         where each mapping key was written
     * @param values       where each value was written (for an alias: where its anchor is)
     * @param plainScalars the text as written of unquoted numbers and booleans, for settings that want text
     * @param findings     what was wrong with single values, such as a key set twice
     */
    record Read(Optional<JsonNode> root, Map<FieldPath, Position> keys, Map<FieldPath, Position> values,
                Map<FieldPath, String> plainScalars, List<Finding> findings) implements Outcome {

        Optional<Position> keyAt(FieldPath path) {
            return Optional.ofNullable(keys.get(path)).or(() -> valueAt(path));
        }

        Optional<Position> valueAt(FieldPath path) {
            return Optional.ofNullable(values.get(path)).or(() -> Optional.ofNullable(keys.get(path)));
        }
    }

    record Unreadable(ConfigProblem problem) implements Outcome {
    }

    static Outcome read(String text) {
        if (text.length() > MAX_CHARACTERS) {
            return unreadable(Optional.empty(), ConfigMessages.fileTooLong(text.length(), MAX_CHARACTERS));
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        SafeConstructor constructor = new SafeConstructor(options);
        Node document;
        try {
            document = new Yaml(constructor).compose(new StringReader(text));
        } catch (ReaderException e) {
            return unreadable(positionOfCodePoint(text, e.getPosition()), ConfigMessages.controlCharacter(e.getCodePoint()));
        } catch (MarkedYAMLException e) {
            return notYaml(e);
        } catch (YAMLException e) {
            return notYaml(e);
        }
        if (document == null) {
            return new Read(Optional.empty(), Map.of(), Map.of(), Map.of(), List.of());
        }
        Converter converter = new Converter(constructor);
        try {
            JsonNode root = converter.convert(document, FieldPath.ROOT);
            return new Read(Optional.of(root), converter.keys, converter.values, converter.plainScalars, converter.findings);
        } catch (TooManyValues e) {
            return unreadable(Optional.empty(), ConfigMessages.tooManyValues(MAX_VALUES));
        }
    }

    private static Unreadable unreadable(Optional<Position> position, String message) {
        return new Unreadable(new ConfigProblem("", position, message));
    }

    /** Puts SnakeYAML's account of a syntax error in words about the file, at the place it points to. */
    private static Unreadable notYaml(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Optional<Position> at = position(e.getProblemMark());
        Matcher alias = UNDEFINED_ALIAS.matcher(problem);
        Matcher badStart = BAD_START.matcher(problem);
        Matcher globalTag = GLOBAL_TAG.matcher(problem);
        String reason;
        if (problem.contains("(TAB)")) {
            reason = ConfigMessages.TAB;
        } else if (context.contains("quoted scalar") && problem.contains("end of stream")) {
            reason = ConfigMessages.UNCLOSED_QUOTE;
            at = position(e.getContextMark()).or(() -> position(e.getProblemMark()));
        } else if (context.contains("flow sequence") && problem.contains("<stream end>")) {
            reason = ConfigMessages.UNCLOSED_LIST;
            at = position(e.getContextMark()).or(() -> position(e.getProblemMark()));
        } else if (context.contains("flow mapping") && problem.contains("<stream end>")) {
            reason = ConfigMessages.UNCLOSED_MAPPING;
            at = position(e.getContextMark()).or(() -> position(e.getProblemMark()));
        } else if (problem.contains("mapping values are not allowed")) {
            reason = ConfigMessages.COLON_IN_VALUE;
        } else if (problem.contains("could not find expected ':'")) {
            reason = ConfigMessages.MISSING_COLON;
            at = position(e.getContextMark()).or(() -> position(e.getProblemMark()));
        } else if (problem.startsWith("expected <block end>")) {
            reason = ConfigMessages.INDENTATION;
        } else if (badStart.matches()) {
            reason = ConfigMessages.cannotStartValue(badStart.group(1));
        } else if (alias.matches()) {
            reason = ConfigMessages.undefinedAlias(alias.group(1));
        } else if (globalTag.matches()) {
            return unreadable(at, ConfigMessages.globalTag(shownTag(globalTag.group(1))));
        } else if (context.contains("expected a single document")) {
            reason = ConfigMessages.SEVERAL_DOCUMENTS;
        } else {
            reason = ConfigMessages.yamlSays(problem);
        }
        return unreadable(at, ConfigMessages.notYaml(reason));
    }

    /** Limits SnakeYAML enforces report without a place in the file. */
    private static Unreadable notYaml(YAMLException e) {
        String said = e.getMessage() == null ? "" : e.getMessage();
        if (said.contains("Number of aliases")) {
            return unreadable(Optional.empty(), ConfigMessages.tooManyAliases(MAX_COLLECTION_ALIASES));
        }
        if (said.contains("Nesting Depth")) {
            return unreadable(Optional.empty(), ConfigMessages.nestedTooDeep(MAX_NESTING));
        }
        if (said.contains("exceeds the limit")) {
            return unreadable(Optional.empty(), ConfigMessages.fileTooLong(MAX_CHARACTERS + 1, MAX_CHARACTERS));
        }
        return unreadable(Optional.empty(), ConfigMessages.notYaml(ConfigMessages.yamlSays(said)));
    }

    private static Optional<Position> position(Mark mark) {
        return mark == null ? Optional.empty() : Optional.of(new Position(mark.getLine() + 1, mark.getColumn() + 1));
    }

    private static Optional<Position> position(Node node) {
        return position(node.getStartMark());
    }

    /** Where the {@code index}th code point is, the way SnakeYAML counts lines: after {@code \n}, {@code \r} or {@code \r\n}. */
    private static Optional<Position> positionOfCodePoint(String text, int index) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int seen = 0; seen < index && offset < text.length(); seen++) {
            int c = text.codePointAt(offset);
            offset += Character.charCount(c);
            boolean crlf = c == '\r' && offset < text.length() && text.charAt(offset) == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) {
                line++;
                column = 1;
            } else if (!crlf) {
                column++;
            }
        }
        return Optional.of(new Position(line, column));
    }

    /** {@code tag:yaml.org,2002:set} as people write it: {@code !!set}. */
    static String shownTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }

    /** Thrown to stop expanding a tree that has grown past {@link #MAX_VALUES}. */
    private static final class TooManyValues extends RuntimeException {
        TooManyValues() {
            super(null, null, false, false);
        }
    }

    /** Turns a composed node graph into a tree, one value at a time, guarding against cycles and bombs. */
    private static final class Converter {

        private final SafeConstructor constructor;
        private final Map<FieldPath, Position> keys = new HashMap<>();
        private final Map<FieldPath, Position> values = new HashMap<>();
        private final Map<FieldPath, String> plainScalars = new HashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int count;

        Converter(SafeConstructor constructor) {
            this.constructor = constructor;
        }

        JsonNode convert(Node node, FieldPath path) {
            if (++count > MAX_VALUES) {
                throw new TooManyValues();
            }
            position(node).ifPresent(at -> values.put(path, at));
            if (!open.add(node)) {
                findings.add(Finding.at(path, problem(path, node, ConfigMessages.REFERS_TO_ITSELF)));
                return NullNode.getInstance();
            }
            try {
                if (node instanceof MappingNode mapping) {
                    return mapping(mapping, path);
                }
                if (node instanceof SequenceNode sequence) {
                    return sequence(sequence, path);
                }
                return scalar((ScalarNode) node, path);
            } finally {
                open.remove(node);
            }
        }

        private JsonNode mapping(MappingNode mapping, FieldPath path) {
            if (!Tag.MAP.equals(mapping.getTag())) {
                return unsupported(mapping, path);
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            List<Node> merges = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (Tag.MERGE.equals(key.getTag())) {
                    merges.add(tuple.getValueNode());
                } else if (key instanceof ScalarNode scalar) {
                    String name = scalar.getValue();
                    FieldPath child = path.child(name);
                    if (object.has(name)) {
                        int first = Optional.ofNullable(keys.get(child)).map(Position::line).orElse(0);
                        int again = position(key).map(Position::line).orElse(0);
                        findings.add(new Finding(Optional.empty(),
                                problem(child, key, ConfigMessages.setTwice(first, again))));
                    } else {
                        position(key).ifPresent(at -> keys.put(child, at));
                        object.set(name, convert(tuple.getValueNode(), child));
                    }
                } else {
                    findings.add(new Finding(Optional.empty(), problem(path, key, ConfigMessages.KEY_NOT_A_NAME)));
                }
            }
            for (Node merge : merges) {
                merge(object, merge, path);
            }
            return object;
        }

        /** {@code <<: *defaults}: the merged mapping's entries, where the mapping does not set them itself. */
        private void merge(ObjectNode object, Node merged, FieldPath path) {
            if (!open.add(merged)) {
                findings.add(Finding.at(path, problem(path, merged, ConfigMessages.REFERS_TO_ITSELF)));
                return;
            }
            try {
                if (merged instanceof SequenceNode sequence) {
                    for (Node item : sequence.getValue()) {
                        merge(object, item, path);
                    }
                } else if (merged instanceof MappingNode mapping && Tag.MAP.equals(mapping.getTag())) {
                    List<Node> nested = new ArrayList<>();
                    for (NodeTuple tuple : mapping.getValue()) {
                        Node key = tuple.getKeyNode();
                        if (Tag.MERGE.equals(key.getTag())) {
                            nested.add(tuple.getValueNode());
                        } else if (key instanceof ScalarNode scalar && !object.has(scalar.getValue())) {
                            FieldPath child = path.child(scalar.getValue());
                            position(key).ifPresent(at -> keys.put(child, at));
                            object.set(scalar.getValue(), convert(tuple.getValueNode(), child));
                        } else if (!(key instanceof ScalarNode)) {
                            findings.add(new Finding(Optional.empty(), problem(path, key, ConfigMessages.KEY_NOT_A_NAME)));
                        }
                    }
                    for (Node inner : nested) {
                        merge(object, inner, path);
                    }
                } else {
                    findings.add(new Finding(Optional.empty(), problem(path, merged, ConfigMessages.MERGE_NEEDS_MAPPING)));
                }
            } finally {
                open.remove(merged);
            }
        }

        private JsonNode sequence(SequenceNode sequence, FieldPath path) {
            if (!Tag.SEQ.equals(sequence.getTag())) {
                return unsupported(sequence, path);
            }
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(convert(items.get(i), path.index(i)));
            }
            return array;
        }

        private JsonNode scalar(ScalarNode scalar, FieldPath path) {
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            if (Tag.NULL.equals(tag)) {
                return NullNode.getInstance();
            }
            if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
                return JsonNodeFactory.instance.textNode(text);
            }
            if (Tag.BOOL.equals(tag) || Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                plainScalars.put(path, text);
                try {
                    return typed(scalar, tag);
                } catch (RuntimeException notThatType) {
                    return JsonNodeFactory.instance.textNode(text);
                }
            }
            return unsupported(scalar, path);
        }

        private JsonNode typed(ScalarNode scalar, Tag tag) {
            if (Tag.BOOL.equals(tag)) {
                return JsonNodeFactory.instance.booleanNode((Boolean) constructor.new ConstructYamlBool().construct(scalar));
            }
            if (Tag.FLOAT.equals(tag)) {
                return JsonNodeFactory.instance.numberNode((Double) constructor.new ConstructYamlFloat().construct(scalar));
            }
            Object number = constructor.new ConstructYamlInt().construct(scalar);
            if (number instanceof Integer small) {
                return JsonNodeFactory.instance.numberNode(small);
            }
            if (number instanceof Long large) {
                return JsonNodeFactory.instance.numberNode(large);
            }
            return JsonNodeFactory.instance.numberNode((BigInteger) number);
        }

        private JsonNode unsupported(Node node, FieldPath path) {
            findings.add(Finding.at(path, problem(path, node, ConfigMessages.unsupportedTag(shownTag(node.getTag().getValue())))));
            return NullNode.getInstance();
        }

        /** About the whole file when {@code path} is its top: {@code .preview.yaml has a key that …}. */
        private static ConfigProblem problem(FieldPath path, Node node, String message) {
            String field = path.toString();
            return new ConfigProblem(field, position(node), field.isEmpty() ? ConfigMessages.FILE + " " + message : message);
        }
    }
}
