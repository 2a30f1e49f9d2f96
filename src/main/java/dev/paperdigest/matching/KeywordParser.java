package dev.paperdigest.matching;

import dev.paperdigest.matching.KeywordLexer.Lexeme;
import dev.paperdigest.matching.KeywordLexer.Type;
import dev.paperdigest.matching.KeywordQuery.And;
import dev.paperdigest.matching.KeywordQuery.Leaf;
import dev.paperdigest.matching.KeywordQuery.LeafKind;
import dev.paperdigest.matching.KeywordQuery.Node;
import dev.paperdigest.matching.KeywordQuery.Or;
import dev.paperdigest.matching.PaperAnalysis.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses the keyword query language (docs/QUERY-LANGUAGE.md) into a {@link KeywordQuery} tree,
 * refusing, with a message for the subscriber, a query that is malformed or would match every paper.
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
final class KeywordParser {

    static final int MAX_TERMS = 30;
    static final int MIN_PREFIX = 3;

    private final List<Lexeme> lexemes;
    private final Function<String, List<Token>> stemmer;
    private int next;
    private int leaves;
    private boolean sawStopWord;

    private KeywordParser(List<Lexeme> lexemes, Function<String, List<Token>> stemmer) {
        this.lexemes = lexemes;
        this.stemmer = stemmer;
    }

    /** @param stemmer the stemmed tokens of a piece of text (a cache may stand in for the analyzer) */
    static Node parse(String text, Function<String, List<Token>> stemmer) throws InvalidQueryException {
        KeywordParser parser = new KeywordParser(KeywordLexer.lex(text), stemmer);
        Node node = parser.query(KeywordQuery.ANYWHERE, 0);
        if (parser.next < parser.lexemes.size()) {
            throw new InvalidQueryException("has a closing parenthesis without an opening one");
        }
        if (node == null) {
            throw new InvalidQueryException(
                    parser.sawStopWord
                            ? "has only very common words (such as \"the\" or \"of\"), which are not searched: add a more specific word"
                            : "has no word to look for");
        }
        if (node instanceof And and && and.must().isEmpty()) {
            throw new InvalidQueryException(
                    "only excludes words, so it would match nearly every paper: add a word to look for, e.g. \"quantization -vision\"");
        }
        if (parser.leaves > MAX_TERMS) {
            throw new InvalidQueryException("has more than " + MAX_TERMS + " words: split it into several keywords");
        }
        return node;
    }

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
                throw new InvalidQueryException(
                        "excludes a group that itself only excludes words: write the words to look for without \"-\"");
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
                throw new InvalidQueryException(
                        "has \"OR -word\": an exclusion applies to the whole keyword, so write it on its own, e.g. \"llm -vision\"");
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
            fields = lexeme.text().equals(PaperAnalysis.TITLE) ? KeywordQuery.IN_TITLE : KeywordQuery.IN_ABSTRACT;
            lexeme = peek();
            if (lexeme == null
                    || lexeme.type() == Type.CLOSE
                    || lexeme.type() == Type.OR
                    || lexeme.type() == Type.FIELD) {
                throw new InvalidQueryException("has a field (title: or abstract:) with no word after it");
            }
            if (lexeme.type() == Type.NOT) {
                throw new InvalidQueryException(
                        "has \"title:-word\": write the exclusion before the field, e.g. \"-title:survey\"");
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
            key.append(token.term())
                    .append('@')
                    .append(token.position() - first)
                    .append(' ');
        }
        return new Leaf(LeafKind.PHRASE, fields, List.copyOf(terms), List.copyOf(positions), key.toString());
    }
}
