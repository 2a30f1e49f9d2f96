package dev.paperdigest.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's name as folded words: the surname (the last word, particles such as "van den"
 * aside; a hyphenated last word such as "Müller-Šimić" is one surname, "muller-simic", whose
 * parts also count) and the given names before it, so that "M. Lewis" finds "Mike Lewis" and
 * "Łukasz Kaiser" is found by "Lukasz Kaiser".
 */
record AuthorName(String surname, List<String> surnameParts, List<String> given) {

    static final int MAX_LENGTH = 100;
    static final int MIN_SURNAME_ALONE = 4;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\s.,'’‘`-]+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Set<String> PARTICLES = Set.of(
            "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "dos", "das", "ter", "ten",
            "zu", "y");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");
    private static final Set<String> COMMON_SURNAMES = loadCommonSurnames();

    /** Parses a name as written in a paper or a query; {@code null} when it holds no word. */
    static AuthorName parse(String name) {
        List<String> tokens = new ArrayList<>();
        for (String token :
                SPACES.split(APOSTROPHES.matcher(swapComma(name)).replaceAll("").strip())) {
            if (!TextFolding.words(token).isEmpty()) {
                tokens.add(token);
            }
        }
        while (tokens.size() > 1
                && SUFFIXES.contains(String.join("", TextFolding.words(tokens.get(tokens.size() - 1))))) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            return null;
        }
        List<String> surnameParts = TextFolding.words(tokens.remove(tokens.size() - 1));
        List<String> words = new ArrayList<>();
        tokens.forEach(t -> words.addAll(TextFolding.words(t)));
        // "Guy Van den Broeck": particles belong to the surname when a given name precedes them,
        // or when there are several ("Van den Broeck"); a lone "Da" in "Da Li" is a given name
        int particles = 0;
        while (particles < words.size() && PARTICLES.contains(words.get(words.size() - 1 - particles))) {
            particles++;
        }
        List<String> given = words;
        if (particles > 0 && (particles < words.size() || particles > 1)) {
            given = words.subList(0, words.size() - particles);
        }
        return new AuthorName(String.join("-", surnameParts), List.copyOf(surnameParts), List.copyOf(given));
    }

    /** "Lewis, Mike" is "Mike Lewis"; "King, Jr." is "King Jr.". */
    private static String swapComma(String name) {
        int comma = name.indexOf(',');
        if (comma < 0 || name.indexOf(',', comma + 1) >= 0) {
            return name;
        }
        String after = name.substring(comma + 1).strip();
        if (SUFFIXES.contains(String.join("", TextFolding.words(after)))) {
            return name.substring(0, comma).strip() + " " + after;
        }
        return after + " " + name.substring(0, comma).strip();
    }

    /**
     * Checks an author query and returns it in canonical form (spaces collapsed, "Lewis, Mike"
     * turned into "Mike Lewis").
     */
    static String validate(String query) throws InvalidQueryException {
        if (query.length() > MAX_LENGTH) {
            throw new InvalidQueryException("is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(query).matches()) {
            throw new InvalidQueryException("may contain only letters, spaces, hyphens, apostrophes and periods");
        }
        if (query.chars().filter(c -> c == ',').count() > 1) {
            throw new InvalidQueryException("looks like several names: put one author per line");
        }
        String canonical = swapComma(query).replaceAll("\\s+", " ").strip();
        AuthorName name = parse(canonical);
        if (name == null) {
            throw new InvalidQueryException("has no name in it");
        }
        if (name.surname().length() == 1) {
            throw new InvalidQueryException(
                    "ends with an initial: write the surname in full, e.g. \"Mike Lewis\" or \"M. Lewis\"");
        }
        if (name.given().isEmpty() && isTooCommonAlone(name.surname())) {
            String surname = canonical.substring(canonical.lastIndexOf(' ') + 1);
            throw new InvalidQueryException("is only a surname, and \"" + surname + "\" is shared by too many authors:"
                    + " add a first name or an initial, e.g. \"J. " + surname + "\"");
        }
        return canonical;
    }

    /** A surname followed alone must not be one of the very common ones, nor shorter than 4 letters. */
    static boolean isTooCommonAlone(String foldedSurname) {
        return foldedSurname.length() < MIN_SURNAME_ALONE || COMMON_SURNAMES.contains(foldedSurname);
    }

    /**
     * Whether this query name designates the author named {@code author}: the same surname (or
     * one part of the author's hyphenated surname, so "J. Simic" finds "José Müller-Šimić");
     * no given name in the query matches every author of that surname; otherwise the first given
     * names must agree (an initial agrees with any name it begins), and middle names count only
     * when both sides have some, each middle name of the query agreeing with one of the author's in order.
     */
    boolean designates(AuthorName author) {
        if (!surname.equals(author.surname)
                && !(author.surnameParts.size() > 1 && author.surnameParts.contains(surname))) {
            return false;
        }
        if (given.isEmpty()) {
            return true;
        }
        if (author.given.isEmpty() || !agree(given.get(0), author.given.get(0))) {
            return false;
        }
        if (given.size() == 1 || author.given.size() == 1) {
            return true;
        }
        int at = 1;
        for (int i = 1; i < given.size(); i++) {
            while (at < author.given.size() && !agree(given.get(i), author.given.get(at))) {
                at++;
            }
            if (at == author.given.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static boolean agree(String a, String b) {
        return a.equals(b) || a.length() == 1 && b.startsWith(a) || b.length() == 1 && a.startsWith(b);
    }

    private static Set<String> loadCommonSurnames() {
        Set<String> names = new HashSet<>();
        try (InputStream in = AuthorName.class.getResourceAsStream("common-surnames.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-surnames.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#")) {
                    names.addAll(TextFolding.words(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }
}
