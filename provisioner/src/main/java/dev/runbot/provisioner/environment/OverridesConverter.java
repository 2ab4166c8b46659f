package dev.runbot.provisioner.environment;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stores {@code --set} overrides as {@code key=value} lines. Keys never hold {@code =} and the
 * parser refuses control characters in values, so the text form is lossless and portable.
 */
@Singleton
public final class OverridesConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToPersistedValue(Map<String, String> overrides, ConversionContext context) {
        if (overrides == null) {
            return "";
        }
        return overrides.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public Map<String, String> convertToEntityValue(String text, ConversionContext context) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                overrides.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return overrides;
    }
}
