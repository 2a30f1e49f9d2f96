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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The keyword query language (docs/QUERY-LANGUAGE.md), parsed into a small tree whose leaves are
 * Lucene term, phrase and prefix queries over the title and abstract.
 * <pre>
 *   query   := item+                      items are ANDed
 *   item    := ('-' | 'NOT')? either      '-' excludes
 *   either  := unit (('OR' | '|') unit)*  OR binds tighter than the implicit AND, as in web search
 *   unit    := field? (word | word* | "phrase" | '(' query ')')
 *   field   := 'title:' | 'abstract:'
 * </pre>
 * Written by hand rather than with Lucene's classic QueryParser because that parser gives
 * {@code a OR b c} the surprising meaning "c, and a or b only for the score", and its errors
 * ("Encountered &lt;EOF&gt; at line 1, column 7") cannot be shown to a subscriber.
 */
final class KeywordQuery {

    static final int MAX_LENGTH = 200;
    static final int MAX_TERMS = 30;
    static final int MIN_PREFIX = 3;
    static final float TITLE_BOOST = 2.0f;

    static final int IN_TITLE = 1;
    static final int IN_ABSTRACT = 2;
    static final int ANYWHERE = IN_TITLE | IN_ABSTRACT;

    /** A node of a parsed query. */
    sealed interface Node permits Leaf, And, Or {
    }

    enum LeafKind { TERM, PHRASE, PREFIX }

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
    record And(List<Node> must, List<Node> mustNot) implements Node {
    }

    /** At least one of {@code any}. */
    record Or(List<Node> any) implements Node {
    }

    private enum Type { WORD, PHRASE, FIELD, OPEN, CLOSE, OR, NOT }

    private record Lexeme(Type type, String text) {
    }

    private final List<Lexeme> lexemes;
    private final Function<String, List<Token>> stemmer;
    private int next;
    private int leaves;
    private boolean sawStopWord;

    private KeywordQuery(List<Lexeme> lexemes, Function<String, List<Token>> stemmer) {
        this.lexemes = lexemes;
        this.stemmer = stemmer;
    }

    /** Parses with the plain analyzer. */
    static Node parse(String text) throws InvalidQueryException {
        return parse(text, word -> PaperAnalysis.tokens(PaperAnalysis.STEMMED, word));
    }

    /**
     * Parses a query, refusing one that is malformed or would match every paper.
     *
     * @param stemmer the stemmed tokens of a piece of text (a cache may stand in for the analyzer)
     */
    static Node parse(String text, Function<String, List<Token>> stemmer) throws InvalidQueryException {
        KeywordQuery parser = new KeywordQuery(lex(text), stemmer);
        Node node = parser.query(ANYWHERE, 0);
        if (parser.next < parser.lexemes.size()) {
            throw new InvalidQueryException("has a closing parenthesis without an opening one");
        }
        if (node == null) {
            throw new InvalidQueryException(parser.sawStopWord
                    ? "has only very common words (such as \"the\" or \"of\"), which are not searched: add a more specific word"
                    : "has no word to look for");
        }
        if (node instanceof And and && and.must().isEmpty()) {
            throw new InvalidQueryException("only excludes words, so it would match nearly every paper: add a word to look for, e.g. \"quantization -vision\"");
        }
        if (parser.leaves > MAX_TERMS) {
            throw new InvalidQueryException("has more than " + MAX_TERMS + " words: split it into several keywords");
        }
        return node;
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

    // ---- lexer

    private static List<Lexeme> lex(String text) throws InvalidQueryException {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '“' || c == '”') {
                int end = indexOfQuote(text, i + 1);
                if (end < 0) {
                    throw new InvalidQueryException("has a quote that is never closed");
                }
                out.add(new Lexeme(Type.PHRASE, text.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '(') {
                out.add(new Lexeme(Type.OPEN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Lexeme(Type.CLOSE, ")"));
                i++;
            } else if ((c == '-' || c == '+') && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
                i++; // a lone dash or plus between words means nothing
            } else if (c == '-') {
                out.add(new Lexeme(Type.NOT, "-"));
                i++;
            } else if (c == '+') {
                i++; // "+word": required, as every word already is
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "\"“”()".indexOf(text.charAt(i)) < 0) {
                    i++;
                    if (text.charAt(i - 1) == ':' && isFieldName(text.substring(start, i - 1))) {
                        break;
                    }
                }
                String word = text.substring(start, i);
                if (word.endsWith(":") && isFieldName(word.substring(0, word.length() - 1))) {
                    String field = word.substring(0, word.length() - 1).toLowerCase(Locale.ROOT);
                    if (!field.equals(PaperAnalysis.TITLE) && !field.equals(PaperAnalysis.ABSTRACT)) {
                        throw new InvalidQueryException("uses \"" + word + "\", but only title: and abstract: can restrict where a word is looked for");
                    }
                    out.add(new Lexeme(Type.FIELD, field));
                } else if (word.equalsIgnoreCase("OR") || word.equals("|") || word.equals("||")) {
                    out.add(new Lexeme(Type.OR, word));
                } else if (word.equals("NOT")) {
                    out.add(new Lexeme(Type.NOT, word));
                } else if (!word.equalsIgnoreCase("AND") && !word.equals("&&")) {
                    out.add(new Lexeme(Type.WORD, word));
                }
            }
        }
        return out;
    }

    private static int indexOfQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '“' || c == '”') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isFieldName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---- parser

    private Lexeme peek() {
        return next < lexemes.size() ? lexemes.get(next) : null;
    }

    private Node query(int fields, int depth) throws InvalidQueryException {
        if (depth > 5) {
            throw new InvalidQueryException("nests parentheses too deeply");
        }
        List<Node> must = new ArrayList<>();
        List<Node> mustNot = new ArrayList<>();
        while (peek() != null && peek().type() != Type.CLOSE) {
            boolean exclude = false;
            while (peek() != null && peek().type() == Type.NOT) {
                next++;
                exclude = !exclude;
            }
            if (peek() == null || peek().type() == Type.CLOSE) {
                throw new InvalidQueryException("has \"-\" or NOT with nothing after it to exclude");
            }
            Node item = either(fields, depth);
            if (item == null) {
                continue;
            }
            if (exclude && item instanceof And group && group.must().isEmpty()) {
                throw new InvalidQueryException("excludes a group that itself only excludes words: write the words to look for without \"-\"");
            }
            if (exclude) {
                mustNot.add(item);
            } else if (item instanceof And and) {
                must.addAll(and.must());
                mustNot.addAll(and.mustNot());
            } else {
                must.add(item);
            }
        }
        // empty parentheses, as in "LLM.int8()", mean nothing
        if (must.isEmpty() && mustNot.isEmpty()) {
            return null;
        }
        return must.size() == 1 && mustNot.isEmpty() ? must.get(0) : new And(List.copyOf(must), List.copyOf(mustNot));
    }

    private Node either(int fields, int depth) throws InvalidQueryException {
        if (peek().type() == Type.OR) {
            throw new InvalidQueryException("has \"OR\" without a word before it");
        }
        List<Node> alternatives = new ArrayList<>();
        addAlternative(alternatives, unit(fields, depth));
        while (peek() != null && peek().type() == Type.OR) {
            next++;
            Lexeme after = peek();
            if (after == null || after.type() == Type.CLOSE || after.type() == Type.OR) {
                throw new InvalidQueryException("has \"OR\" without a word after it");
            }
            if (after.type() == Type.NOT) {
                throw new InvalidQueryException("has \"OR -word\": an exclusion applies to the whole keyword, so write it on its own, e.g. \"llm -vision\"");
            }
            addAlternative(alternatives, unit(fields, depth));
        }
        if (alternatives.isEmpty()) {
            return null;
        }
        if (alternatives.size() == 1) {
            return alternatives.get(0); // a lone group of exclusions is handled by the enclosing query
        }
        for (Node alternative : alternatives) {
            if (alternative instanceof And and && and.must().isEmpty()) {
                throw new InvalidQueryException("has an alternative of OR that only excludes words");
            }
        }
        return new Or(List.copyOf(alternatives));
    }

    private static void addAlternative(List<Node> alternatives, Node node) {
        if (node != null) {
            alternatives.add(node);
        }
    }

    private Node unit(int fields, int depth) throws InvalidQueryException {
        Lexeme lexeme = peek();
        if (lexeme.type() == Type.FIELD) {
            next++;
            fields = lexeme.text().equals(PaperAnalysis.TITLE) ? IN_TITLE : IN_ABSTRACT;
            lexeme = peek();
            if (lexeme == null || lexeme.type() == Type.CLOSE || lexeme.type() == Type.OR || lexeme.type() == Type.FIELD) {
                throw new InvalidQueryException("has a field (title: or abstract:) with no word after it");
            }
            if (lexeme.type() == Type.NOT) {
                throw new InvalidQueryException("has \"title:-word\": write the exclusion before the field, e.g. \"-title:survey\"");
            }
        }
        next++;
        return switch (lexeme.type()) {
            case WORD -> word(lexeme.text(), fields);
            case PHRASE -> terms(lexeme.text(), fields);
            case OPEN -> {
                Node inner = query(fields, depth + 1);
                if (peek() == null || peek().type() != Type.CLOSE) {
                    throw new InvalidQueryException("has a parenthesis that is never closed");
                }
                next++;
                yield inner;
            }
            default -> throw new IllegalStateException("unexpected " + lexeme); // excluded by the callers
        };
    }

    private Node word(String word, int fields) throws InvalidQueryException {
        int star = word.indexOf('*');
        if (star < 0) {
            return terms(word, fields);
        }
        String base = word.replaceAll("\\*+$", "");
        if (base.indexOf('*') >= 0) {
            throw new InvalidQueryException("has \"" + word + "\": * can only end a word, as in \"quantiz*\"");
        }
        if (base.isEmpty()) {
            throw new InvalidQueryException("has a * on its own, which would match every paper");
        }
        List<Token> folded = PaperAnalysis.tokens(PaperAnalysis.FOLDED, base);
        if (folded.size() != 1) {
            throw new InvalidQueryException("has \"" + word + "\": * works after a single word, as in \"quantiz*\"");
        }
        String prefix = folded.get(0).term();
        if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX) {
            throw new InvalidQueryException("has \"" + word + "\", which is too short to be useful: give at least "
                    + MIN_PREFIX + " letters before *");
        }
        leaves++;
        return new Leaf(LeafKind.PREFIX, fields, List.of(prefix), List.of(0), "X" + fields + ":" + prefix);
    }

    private Node terms(String text, int fields) {
        List<Token> tokens = stemmer.apply(text);
        if (tokens.isEmpty()) {
            sawStopWord |= text.codePoints().anyMatch(Character::isLetterOrDigit);
            return null;
        }
        leaves++;
        if (tokens.size() == 1) {
            String term = tokens.get(0).term();
            return new Leaf(LeafKind.TERM, fields, List.of(term), List.of(0), "T" + fields + ":" + term);
        }
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        StringBuilder key = new StringBuilder("P").append(fields).append(':');
        int first = tokens.get(0).position();
        for (Token token : tokens) {
            terms.add(token.term());
            positions.add(token.position() - first);
            key.append(token.term()).append('@').append(token.position() - first).append(' ');
        }
        return new Leaf(LeafKind.PHRASE, fields, List.copyOf(terms), List.copyOf(positions), key.toString());
    }
}
