package dev.paperdigest.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The keys of Quarkus and its extensions, from the configuration model each extension's runtime jar
 * carries ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}, which Quarkus' own
 * configuration reference is generated from): every key with its environment variable and the
 * phase in which it is read.
 */
final class QuarkusKeys {

    static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";

    /** A key (map keys as quoted placeholders, {@code quarkus.datasource."datasource-name".jdbc.url}). */
    record Key(String name, String phase, Optional<String> defaultValue, Optional<String> deprecatedSince) {

        /** Read by the running application; the others are fixed when Quarkus builds it. */
        boolean atRunTime() {
            return phase.equals("RUN_TIME");
        }

        boolean isSetBy(String variable) {
            return ConfigNames.environmentVariable(name).equals(variable)
                    || (ConfigNames.hasMapKey(name)
                            && ConfigNames.variablePattern(name)
                                    .matcher(variable)
                                    .matches());
        }

        boolean isSetByProperty(String property) {
            return name.equals(property)
                    || (ConfigNames.hasMapKey(name)
                            && ConfigNames.propertyPattern(name)
                                    .matcher(property)
                                    .matches());
        }
    }

    private final List<Key> keys;

    private QuarkusKeys(List<Key> keys) {
        this.keys = keys;
    }

    static QuarkusKeys onTheClasspath() {
        List<Key> keys = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(QuarkusKeys.class.getClassLoader().getResources(MODEL))) {
                try (InputStream in = model.openStream()) {
                    collect(json.readTree(in), keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new QuarkusKeys(keys);
    }

    /** The properties of the model, wherever its sections nest them, under every name they have. */
    private static void collect(JsonNode node, List<Key> keys) {
        if (node.path("@class").asText().endsWith(".ConfigProperty")) {
            String phase = node.path("phase").asText();
            Optional<String> defaultValue = node.hasNonNull("defaultValue")
                    ? Optional.of(node.get("defaultValue").asText())
                    : Optional.empty();
            Optional<String> deprecatedSince = node.has("deprecation")
                    ? Optional.of(node.path("deprecation").path("since").asText("?"))
                    : Optional.empty();
            keys.add(new Key(node.path("path").path("property").asText(), phase, defaultValue, deprecatedSince));
            node.path("additionalPaths")
                    .forEach(path ->
                            keys.add(new Key(path.path("property").asText(), phase, defaultValue, deprecatedSince)));
        }
        node.forEach(child -> collect(child, keys));
    }

    /** The key an environment variable sets, a key of its own name before one through a map. */
    Optional<Key> setBy(String variable) {
        return keys.stream()
                .filter(key -> key.isSetBy(variable))
                .min((a, b) -> Boolean.compare(ConfigNames.hasMapKey(a.name()), ConfigNames.hasMapKey(b.name())));
    }

    Optional<Key> setByProperty(String property) {
        return keys.stream()
                .filter(key -> key.isSetByProperty(property))
                .min((a, b) -> Boolean.compare(ConfigNames.hasMapKey(a.name()), ConfigNames.hasMapKey(b.name())));
    }

    Key named(String name) {
        return keys.stream()
                .filter(key -> key.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        name + " is in no " + MODEL + " on the test classpath: " + keys.size() + " keys found"));
    }
}
