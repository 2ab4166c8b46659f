package dev.runbot.provisioner.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One object of a rendered manifest, with what runbot needs to apply, order and prune it. */
public record ManifestObject(ResourceKind kind, String name, Map<String, Object> body) {

    /** {@code Deployment/app}, as messages quote it. */
    public String reference() {
        return kind.kind() + "/" + name;
    }

    /**
     * Splits a multi-document manifest into objects in apply order.
     *
     * @throws IllegalArgumentException naming the object when a kind is unknown or a name is missing
     */
    @SuppressWarnings("unchecked")
    public static List<ManifestObject> parse(String manifest) {
        List<ManifestObject> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(manifest)) {
            if (!(document instanceof Map<?, ?> map) || map.isEmpty()) {
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) map;
            String apiVersion = String.valueOf(body.get("apiVersion"));
            String kind = String.valueOf(body.get("kind"));
            Object metadata = body.get("metadata");
            Object name = metadata instanceof Map<?, ?> meta ? meta.get("name") : null;
            if (name == null) {
                throw new IllegalArgumentException("the chart rendered a " + kind + " without metadata.name");
            }
            ResourceKind known = ResourceKind.of(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
                    "the chart rendered " + kind + "/" + name + " (" + apiVersion + "), a kind runbot does not"
                            + " apply; supported: " + supported()));
            objects.add(new ManifestObject(known, name.toString(), body));
        }
        objects.sort(Comparator.comparing(ManifestObject::kind));
        return objects;
    }

    private static String supported() {
        return String.join(", ", List.of(ResourceKind.values()).stream().map(ResourceKind::kind).toList());
    }
}
