package dev.runbot.provisioner.config;

import com.networknt.schema.JsonNodePath;
import dev.runbot.commands.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a value sits in a {@code .preview.yaml}: setting names and list indexes from the top, shown the
 * way people write them ({@code resources.cpu}, {@code databases[1]}).
 *
 * @param elements names ({@link String}) and indexes ({@link Integer}), outermost first
 */
record FieldPath(List<Object> elements) {

    static final FieldPath ROOT = new FieldPath(List.of());

    /** Names shown as they are; anything else is quoted so it cannot be mistaken for more of the path. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    FieldPath {
        elements = List.copyOf(elements);
    }

    static FieldPath of(JsonNodePath path) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return new FieldPath(elements);
    }

    FieldPath child(String name) {
        return append(name);
    }

    FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object element) {
        List<Object> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    boolean startsWith(FieldPath prefix) {
        return elements.size() >= prefix.elements.size()
                && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    /** The setting's entry in the table of messages: indexes as {@code []}, variable names as {@code *}. */
    String setting() {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (element instanceof Integer) {
                key.append("[]");
            } else {
                boolean variable = i == 1 && "env".equals(elements.get(0));
                key.append(i == 0 ? "" : ".").append(variable ? "*" : element);
            }
        }
        return key.toString();
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder();
        for (Object element : elements) {
            if (element instanceof Integer index) {
                shown.append('[').append(index).append(']');
            } else {
                String name = (String) element;
                shown.append(shown.length() == 0 ? "" : ".")
                        .append(PLAIN_NAME.matcher(name).matches() ? name : Messages.quote(name));
            }
        }
        return shown.toString();
    }
}
