package dev.paperdigest.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The 503 real seed papers (src/test/resources/seed-papers.json), as the matcher sees them; id = index in the file. */
final class SeedPapers {

    private static List<MatchablePaper> papers;
    private static List<Integer> upvotes;

    private SeedPapers() {}

    static synchronized List<MatchablePaper> all() {
        if (papers == null) {
            papers = load();
        }
        return papers;
    }

    /**
     * The seed papers as one digest sees them: with their upvotes where the file has them (a few
     * trending papers), all published on {@code day}, since a digest covers a day or a week.
     */
    static List<MatchablePaper> onOneDay(Instant day) {
        List<MatchablePaper> out = new ArrayList<>();
        for (MatchablePaper p : all()) {
            out.add(new MatchablePaper(
                    p.id(), p.title(), p.abstractText(), p.authors(), p.categories(), upvotes.get((int) p.id()), day));
        }
        return List.copyOf(out);
    }

    private static List<MatchablePaper> load() {
        try (InputStream in = SeedPapers.class.getResourceAsStream("/seed-papers.json")) {
            JsonNode array = new ObjectMapper().readTree(in);
            List<MatchablePaper> out = new ArrayList<>();
            List<Integer> votes = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode p = array.get(i);
                List<String> authors = new ArrayList<>();
                p.path("authors").forEach(a -> authors.add(a.asText()));
                List<String> categories = new ArrayList<>();
                if (p.hasNonNull("category")) {
                    categories.add("cs." + p.get("category").asText());
                }
                out.add(new MatchablePaper(
                        i,
                        p.hasNonNull("title") ? p.get("title").asText() : null,
                        p.path("abstract").asText(),
                        List.copyOf(authors),
                        List.copyOf(categories)));
                votes.add(p.hasNonNull("upvotes") ? p.get("upvotes").asInt() : null);
            }
            upvotes = Collections.unmodifiableList(votes);
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids of the papers one query matches. */
    static Set<Long> matchIds(PaperMatcher matcher, Collection<MatchablePaper> papers, QueryKind kind, String text) {
        Set<Long> ids = new TreeSet<>();
        hits(matcher, papers, kind, text).forEach(hit -> ids.add(hit.paperId()));
        return ids;
    }

    /** Every hit of one query. */
    static List<QueryHit> hits(PaperMatcher matcher, Collection<MatchablePaper> papers, QueryKind kind, String text) {
        return matcher.index(papers, Instant.now()).hits(new Query(kind, text));
    }

    /** A paper as a Lucene document with the fields the matcher indexes, for comparisons with plain Lucene. */
    static Document luceneDocument(MatchablePaper paper) {
        Document doc = new Document();
        String title = paper.title() == null ? "" : paper.title();
        doc.add(new TextField(PaperAnalysis.TITLE, title, Field.Store.NO));
        doc.add(new TextField(PaperAnalysis.TITLE + PaperAnalysis.RAW_SUFFIX, title, Field.Store.NO));
        doc.add(new TextField(PaperAnalysis.ABSTRACT, paper.abstractText(), Field.Store.NO));
        doc.add(new TextField(PaperAnalysis.ABSTRACT + PaperAnalysis.RAW_SUFFIX, paper.abstractText(), Field.Store.NO));
        return doc;
    }
}
