package dev.paperdigest.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arXiv category taxonomy, bundled as {@code arxiv-categories.tsv} and read once: which codes
 * exist (to check and canonicalise subscriptions), and their names grouped as arXiv groups them
 * (for the forms' picker).
 */
public final class ArxivCategories {

    /** One choice of the picker: a category, or a whole archive ({@code cs.*}). */
    public record Choice(String code, String name) {

        public boolean isArchive() {
            return code.endsWith(".*");
        }
    }

    /** A group of archives as arXiv lists them: Computer Science, Mathematics, Physics... */
    public record Group(String name, List<Choice> choices) {}

    /** Lower-cased code to canonical code ("cs.cl" to "cs.CL") and name. */
    private static final Map<String, String> CANONICAL = new HashMap<>();

    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    /** Archives that have subject classes: "cs", "math", "astro-ph", ... */
    private static final Set<String> ARCHIVES = new HashSet<>();

    /** Names of the archives that can be followed whole, by code ("cs.*"). */
    private static final Map<String, String> ARCHIVE_NAMES = new HashMap<>();

    private static final List<Group> GROUPS = new ArrayList<>();

    static {
        try (InputStream in = ArxivCategories.class.getResourceAsStream("arxiv-categories.tsv")) {
            if (in == null) {
                throw new IllegalStateException("arxiv-categories.tsv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Choice> choices = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.strip().endsWith("]")) {
                    String group = line.strip();
                    choices = new ArrayList<>();
                    GROUPS.add(new Group(group.substring(1, group.length() - 1).strip(), choices));
                    continue;
                }
                String[] parts = line.split("\t", 2);
                String code = parts[0].strip();
                String name = parts.length > 1 ? parts[1].strip() : code;
                if (choices == null) {
                    throw new IllegalStateException("arxiv-categories.tsv: " + code + " comes before any [group]");
                }
                choices.add(new Choice(code, name));
                int dot = code.indexOf('.');
                if (code.endsWith(".*")) {
                    ARCHIVES.add(code.substring(0, dot));
                    ARCHIVE_NAMES.put(code, name);
                    continue;
                }
                CANONICAL.put(code.toLowerCase(Locale.ROOT), code);
                NAMES.put(code, name);
                if (dot > 0) {
                    ARCHIVES.add(code.substring(0, dot));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GROUPS.replaceAll(group -> new Group(group.name(), List.copyOf(group.choices())));
    }

    private ArxivCategories() {}

    /** Every known category code with its name, in taxonomy order. */
    static Map<String, String> all() {
        return Collections.unmodifiableMap(NAMES);
    }

    /** The taxonomy as arXiv groups it, each archive with subject classes offered whole first. */
    public static List<Group> groups() {
        return Collections.unmodifiableList(GROUPS);
    }

    /**
     * What a canonical subscription means: "Computation and Language" for cs.CL, "all of
     * Computer Science" for cs.*; null for an unknown code.
     */
    public static String nameOf(String subscription) {
        if (subscription == null) {
            return null;
        }
        String archive = ARCHIVE_NAMES.get(subscription);
        return archive != null ? "all of " + archive : NAMES.get(subscription);
    }

    /** The canonical code of a known category ("CS.cl" gives "cs.CL"), or {@code null}. */
    static String canonical(String code) {
        return code == null ? null : CANONICAL.get(code.strip().toLowerCase(Locale.ROOT));
    }

    /** Checks a category subscription: a known code, or a whole archive written "cs.*". */
    static String validate(String query) throws InvalidQueryException {
        String q = query.strip();
        String lower = q.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".*")) {
            String archive = lower.substring(0, lower.length() - 2);
            if (ARCHIVES.contains(archive)) {
                return archive + ".*";
            }
            throw new InvalidQueryException(
                    "is not an arXiv archive with subject classes: use one such as cs.* or math.*");
        }
        String canonical = CANONICAL.get(lower);
        if (canonical != null) {
            return canonical;
        }
        if (ARCHIVES.contains(lower)) {
            throw new InvalidQueryException("is a whole archive: write " + lower
                    + ".* to follow all of it, or a category such as " + firstIn(lower));
        }
        List<String> guesses = new ArrayList<>();
        for (String code : NAMES.keySet()) {
            if (code.toLowerCase(Locale.ROOT).endsWith("." + lower)) {
                guesses.add(code);
            }
        }
        throw new InvalidQueryException("is not an arXiv category"
                + (guesses.isEmpty()
                        ? ": use a code such as cs.CL, or cs.* for a whole archive"
                        : ": did you mean " + String.join(" or ", guesses.subList(0, Math.min(3, guesses.size())))
                                + "?"));
    }

    private static String firstIn(String archive) {
        return NAMES.keySet().stream()
                .filter(c -> c.startsWith(archive + "."))
                .findFirst()
                .orElse(archive + ".*");
    }

    /** Whether a paper category (any case) falls under a canonical subscription ("cs.CL" or "cs.*"). */
    static boolean covers(String subscription, String paperCategory) {
        String canonical = canonical(paperCategory);
        String category = canonical != null ? canonical : paperCategory.strip();
        if (subscription.endsWith(".*")) {
            return category.toLowerCase(Locale.ROOT).startsWith(subscription.substring(0, subscription.length() - 1));
        }
        return category.equalsIgnoreCase(subscription);
    }
}
