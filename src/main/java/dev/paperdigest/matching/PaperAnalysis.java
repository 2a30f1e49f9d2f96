package dev.paperdigest.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How title and abstract text becomes searchable terms, the same for papers and queries:
 * Unicode word splitting, case and accents folded by {@link TextFolding} ({@code Łukasz → lukasz},
 * {@code ß → ss}), English possessives and stop words dropped, then word forms reduced by a
 * {@link Stemmer}. The {@code .raw} fields keep the folded words unstemmed, for prefix queries
 * ({@code learn*} must find "learning" whatever the stemmer makes of it).
 *
 * <p>The service uses {@link #ENGLISH}; the other combinations exist so that
 * {@code RelevanceEvaluationTest} can compare them on the judged queries (docs/QUERY-LANGUAGE.md).
 */
final class PaperAnalysis {

    static final String TITLE = "title";
    static final String ABSTRACT = "abstract";
    static final String RAW_SUFFIX = ".raw";

    /** How far word forms are reduced. */
    enum Stemmer {
        /** Porter: {@code tokenization, tokens → token}, {@code adapters, adaptation → adapt}. */
        PORTER(PorterStemFilter::new),
        /** Krovetz: dictionary-based, yet {@code tokenization → token} and {@code imaging → image}. */
        KSTEM(KStemFilter::new),
        /** Plurals only: {@code tokenizations → tokenization}, {@code policies → policy}. */
        MINIMAL(EnglishMinimalStemFilter::new),
        /**
         * Plurals, then one -ize verb with its -izer and -ization ({@link IzeFormsFilter}):
         * {@code tokenize, tokenizers, tokenization → tokeniz}, while {@code tokens → token}.
         */
        MINIMAL_IZE(words -> new IzeFormsFilter(new EnglishMinimalStemFilter(words))),
        /** Words as written (folded). */
        NONE(UnaryOperator.identity());

        private final UnaryOperator<TokenStream> filter;

        Stemmer(UnaryOperator<TokenStream> filter) {
            this.filter = filter;
        }
    }

    /** Folded but unstemmed words, stop words kept. */
    static final Analyzer FOLDED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, TextFolding.filter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return TextFolding.filter(in);
        }
    };

    /**
     * What the service indexes and searches with; docs/QUERY-LANGUAGE.md says why this one.
     * Declared after FOLDED, which it uses.
     */
    static final PaperAnalysis ENGLISH = new PaperAnalysis(Stemmer.MINIMAL, true);

    final Stemmer stemmer;
    final boolean possessives;
    /** Stemmed words of titles and abstracts. */
    final Analyzer stemmed;
    /** Per field: stemmed for title/abstract, folded for their {@code .raw} twins. */
    final Analyzer indexing;

    /** @param possessives whether "model's" loses its 's before stemming */
    PaperAnalysis(Stemmer stemmer, boolean possessives) {
        this.stemmer = stemmer;
        this.possessives = possessives;
        this.stemmed = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = TextFolding.filter(source);
                if (possessives) {
                    stream = new EnglishPossessiveFilter(stream);
                }
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(source, stemmer.filter.apply(stream));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return TextFolding.filter(in);
            }
        };
        this.indexing =
                new PerFieldAnalyzerWrapper(stemmed, Map.of(TITLE + RAW_SUFFIX, FOLDED, ABSTRACT + RAW_SUFFIX, FOLDED));
    }

    /** The stemmed terms of a piece of text, as queries and papers are analysed. */
    List<Token> terms(String text) {
        return tokens(stemmed, text);
    }

    @Override
    public String toString() {
        return stemmer + (possessives ? "" : " without possessive filter");
    }

    /** One analysed word: its term, position (gaps where stop words were) and place in the text. */
    record Token(String term, int position, int start, int end) {}

    static List<Token> tokens(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), position, offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a String reader
        }
        return tokens;
    }
}
