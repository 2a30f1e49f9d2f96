package dev.paperdigest.matching;

import dev.paperdigest.matching.PaperAnalysis.Token;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.List;
import java.util.function.Function;

/**
 * A parsed keyword query (docs/QUERY-LANGUAGE.md): a small tree whose leaves are Lucene term,
 * phrase and prefix queries over the title and abstract. {@link KeywordParser} builds it.
 */
final class KeywordQuery {

    static final int MAX_LENGTH = 200;
    static final float TITLE_BOOST = 2.0f;

    static final int IN_TITLE = 1;
    static final int IN_ABSTRACT = 2;
    static final int ANYWHERE = IN_TITLE | IN_ABSTRACT;

    /** A node of a parsed query. */
    sealed interface Node permits Leaf, And, Or {}

    enum LeafKind {
        TERM,
        PHRASE,
        PREFIX
    }

    /**
     * A word (stemmed term), a phrase (stemmed terms at positions) or a prefix (folded, unstemmed),
     * looked for in the fields of {@code fields}. {@code key} identifies it for caching.
     */
    record Leaf(LeafKind kind, int fields, List<String> terms, List<Integer> positions, String key) implements Node {
        Query toLucene() {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            if ((fields & IN_TITLE) != 0) {
                either.add(new BoostQuery(forField(PaperAnalysis.TITLE), TITLE_BOOST), Occur.SHOULD);
            }
            if ((fields & IN_ABSTRACT) != 0) {
                either.add(forField(PaperAnalysis.ABSTRACT), Occur.SHOULD);
            }
            return either.build();
        }

        private Query forField(String field) {
            return switch (kind) {
                case TERM -> new TermQuery(new Term(field, terms.get(0)));
                case PREFIX -> new PrefixQuery(new Term(field + PaperAnalysis.RAW_SUFFIX, terms.get(0)));
                case PHRASE -> {
                    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
                    for (int i = 0; i < terms.size(); i++) {
                        phrase.add(new Term(field, terms.get(i)), positions.get(i));
                    }
                    yield phrase.build();
                }
            };
        }
    }

    /** Every {@code must} node and none of the {@code mustNot} nodes. */
    record And(List<Node> must, List<Node> mustNot) implements Node {}

    /** At least one of {@code any}. */
    record Or(List<Node> any) implements Node {}

    private KeywordQuery() {}

    /** Parses with the analysis the service uses. */
    static Node parse(String text) throws InvalidQueryException {
        return parse(text, PaperAnalysis.ENGLISH::terms);
    }

    /** Parses a query, refusing one that is malformed or would match every paper ({@link KeywordParser}). */
    static Node parse(String text, Function<String, List<Token>> stemmer) throws InvalidQueryException {
        return KeywordParser.parse(text, stemmer);
    }

    /** The leaves a query looks for (not the excluded ones), in order. */
    static void positiveLeaves(Node node, List<Leaf> out) {
        if (node instanceof Leaf leaf) {
            out.add(leaf);
        } else if (node instanceof And and) {
            and.must().forEach(n -> positiveLeaves(n, out));
        } else if (node instanceof Or or) {
            or.any().forEach(n -> positiveLeaves(n, out));
        }
    }

    /** The whole query as one Lucene query (for the monitor and naive baselines). */
    static Query toLucene(Node node) {
        if (node instanceof Leaf leaf) {
            return leaf.toLucene();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        if (node instanceof And and) {
            and.must().forEach(n -> builder.add(toLucene(n), Occur.MUST));
            and.mustNot().forEach(n -> builder.add(toLucene(n), Occur.MUST_NOT));
        } else {
            ((Or) node).any().forEach(n -> builder.add(toLucene(n), Occur.SHOULD));
        }
        return builder.build();
    }
}
