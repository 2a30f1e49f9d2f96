package dev.paperdigest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How SmallRye Config spells a key as an environment variable: every character that is not a letter
 * or digit becomes {@code _}, the rest upper case ({@code digest.public-url} is
 * {@code DIGEST_PUBLIC_URL}). A segment that stands for a map key ({@code *}, or a quoted name such
 * as {@code "datasource-name"} in Quarkus' model) stands for any name.
 */
final class ConfigNames {

    private ConfigNames() {}

    static String environmentVariable(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** The environment variables that set {@code key}. */
    static Pattern variablePattern(String key) {
        List<String> parts = new ArrayList<>();
        for (String segment : segments(key)) {
            parts.add(isMapKey(segment) ? "[A-Z0-9_]+" : Pattern.quote(environmentVariable(segment)));
        }
        return Pattern.compile(String.join("_", parts));
    }

    /** The property names that set {@code key}. */
    static Pattern propertyPattern(String key) {
        List<String> parts = new ArrayList<>();
        for (String segment : segments(key)) {
            parts.add(isMapKey(segment) ? "(?:[^.\"]+|\"[^\"]+\")" : Pattern.quote(segment.toLowerCase(Locale.ROOT)));
        }
        return Pattern.compile(String.join("\\.", parts));
    }

    static boolean hasMapKey(String key) {
        return segments(key).stream().anyMatch(ConfigNames::isMapKey);
    }

    private static boolean isMapKey(String segment) {
        return segment.equals("*") || segment.startsWith("\"");
    }

    /** The segments between dots, a quoted segment (which may hold dots) as one. */
    private static List<String> segments(String key) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        boolean quoted = false;
        for (char c : key.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        return segments;
    }
}
