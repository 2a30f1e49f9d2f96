package dev.paperdigest.matching;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
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

/**
 * How title and abstract text becomes searchable terms, the same for papers and queries:
 * Unicode word splitting, case and accents folded by {@link TextFolding} ({@code Łukasz → lukasz},
 * {@code ß → ss}), English possessives and stop words dropped, Porter stemming
 * ({@code quantization, quantized, quantize → quantiz}). The {@code .raw} fields keep the folded
 * words unstemmed, for prefix queries ({@code learn*} must find "learning", whose stem is "learn").
 */
final class PaperAnalysis {

    static final String TITLE = "title";
    static final String ABSTRACT = "abstract";
    static final String RAW_SUFFIX = ".raw";

    /** Stemmed words of titles and abstracts. */
    static final Analyzer STEMMED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = TextFolding.filter(source);
            stream = new EnglishPossessiveFilter(stream);
            stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return TextFolding.filter(in);
        }
    };

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

    /** Per field: stemmed for title/abstract, folded for their {@code .raw} twins. */
    static final Analyzer INDEXING =
            new PerFieldAnalyzerWrapper(STEMMED, Map.of(TITLE + RAW_SUFFIX, FOLDED, ABSTRACT + RAW_SUFFIX, FOLDED));

    private PaperAnalysis() {}

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
