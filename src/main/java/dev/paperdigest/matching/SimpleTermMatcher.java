package dev.paperdigest.matching;



import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First-cut matcher: keywords are words and quoted phrases that must all occur in the title or
 * abstract; authors are full names; categories are arXiv codes or whole archives ({@code cs.*}).
 * Everything is compared case- and accent-insensitively.
 */

public class SimpleTermMatcher implements PaperMatcher {

    private static final Pattern PHRASE_OR_WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z-]*(\\.[A-Za-z][A-Za-z-]*|\\.\\*)?");
    private static final int MAX_QUERY_LENGTH = 200;
    private static final double TITLE_WEIGHT = 2.0;

    @Override
    public String validate(QueryKind kind, String text) throws InvalidQueryException {
        String query = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (query.isEmpty()) {
            throw new InvalidQueryException("is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        switch (kind) {
            case KEYWORD -> {
                if (query.chars().filter(c -> c == '"').count() % 2 != 0) {
                    throw new InvalidQueryException("has a quote that is never closed");
                }
                if (keywordTerms(query).isEmpty()) {
                    throw new InvalidQueryException("has no word to look for");
                }
            }
            case AUTHOR -> {
                if (TextFolding.words(query).size() < 2) {
                    throw new InvalidQueryException("needs a first and a last name (a surname alone matches too many people)");
                }
            }
            case CATEGORY -> {
                query = normaliseCategory(query);
                if (!CATEGORY.matcher(query).matches()) {
                    throw new InvalidQueryException("is not an arXiv category such as cs.CL or cs.*");
                }
            }
        }
        return query;
    }

    @Override
    public void match(Collection<MatchablePaper> papers, Collection<StoredQuery> queries, Consumer<QueryHit> hits) {
        for (MatchablePaper paper : papers) {
            PreparedPaper prepared = new PreparedPaper(paper);
            for (StoredQuery query : queries) {
                QueryHit hit = switch (query.kind()) {
                    case KEYWORD -> matchKeywords(prepared, query);
                    case AUTHOR -> matchAuthor(prepared, query);
                    case CATEGORY -> matchCategory(prepared, query);
                };
                if (hit != null) {
                    hits.accept(hit);
                }
            }
        }
    }

    private QueryHit matchKeywords(PreparedPaper paper, StoredQuery query) {
        double score = 0;
        List<String> matched = new ArrayList<>();
        for (List<String> term : keywordTerms(query.text())) {
            int inTitle = occurrences(paper.titleWords, term);
            int inAbstract = occurrences(paper.abstractWords, term);
            if (inTitle + inAbstract == 0) {
                return null;
            }
            score += TITLE_WEIGHT * inTitle + inAbstract;
            matched.add(String.join(" ", term));
        }
        return new QueryHit(query.subscriptionId(), query.subscriberId(), paper.paper.id(), score, matched);
    }

    private QueryHit matchAuthor(PreparedPaper paper, StoredQuery query) {
        List<String> wanted = TextFolding.words(query.text());
        for (int i = 0; i < paper.authorWords.size(); i++) {
            if (paper.authorWords.get(i).equals(wanted)) {
                return new QueryHit(query.subscriptionId(), query.subscriberId(), paper.paper.id(), 1.0,
                        List.of(paper.paper.authors().get(i)));
            }
        }
        return null;
    }

    private QueryHit matchCategory(PreparedPaper paper, StoredQuery query) {
        String wanted = normaliseCategory(query.text());
        boolean archive = wanted.endsWith(".*");
        String prefix = archive ? wanted.substring(0, wanted.length() - 1) : null;
        for (String category : paper.paper.categories()) {
            if (archive ? category.startsWith(prefix) : category.equalsIgnoreCase(wanted)) {
                return new QueryHit(query.subscriptionId(), query.subscriberId(), paper.paper.id(), 0.5, List.of(category));
            }
        }
        return null;
    }

    /** Each term is a word or a phrase, as folded words. */
    static List<List<String>> keywordTerms(String query) {
        List<List<String>> terms = new ArrayList<>();
        Matcher m = PHRASE_OR_WORD.matcher(query);
        while (m.find()) {
            String raw = m.group(1) != null ? m.group(1) : m.group(2);
            List<String> words = TextFolding.words(raw);
            if (!words.isEmpty()) {
                terms.add(words);
            }
        }
        return terms;
    }

    private static int occurrences(List<String> words, List<String> term) {
        return term.size() == 1 ? Collections.frequency(words, term.get(0)) : Collections.indexOfSubList(words, term) >= 0 ? 1 : 0;
    }

    /** arXiv writes the archive in lower case and the subject class in upper case: cs.CL, math.AG. */
    private static String normaliseCategory(String raw) {
        String query = raw.strip();
        int dot = query.indexOf('.');
        if (dot < 0) {
            return query.toLowerCase(Locale.ROOT);
        }
        String archive = query.substring(0, dot).toLowerCase(Locale.ROOT);
        String subject = query.substring(dot + 1);
        return archive + "." + (subject.length() <= 2 ? subject.toUpperCase(Locale.ROOT) : subject);
    }

    private static final class PreparedPaper {
        final MatchablePaper paper;
        final List<String> titleWords;
        final List<String> abstractWords;
        final List<List<String>> authorWords = new ArrayList<>();

        PreparedPaper(MatchablePaper paper) {
            this.paper = paper;
            this.titleWords = TextFolding.words(paper.title());
            this.abstractWords = TextFolding.words(paper.abstractText());
            for (String author : paper.authors()) {
                authorWords.add(TextFolding.words(author));
            }
        }
    }
}
