package dev.paperdigest.matching;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

import java.io.IOException;
import java.util.List;

/**
 * Gives a verb in -ize, its -izer and its -ization one term: tokenize, tokenized, tokenizing,
 * tokenizer and tokenization (and the British tokenisation) all become {@code tokeniz}. Nothing
 * else is touched: "tokens" stays apart, as do "size" and "prize", whose -ize is not a suffix.
 * Runs after plurals are reduced, so "tokenizers" and "tokenizations" arrive singular.
 */
final class IzeFormsFilter extends TokenFilter {

    /** Longest first: "izers" before "izer". */
    private static final List<String> SUFFIXES =
            List.of("izations", "isations", "ization", "isation", "izers", "izing", "izer", "izes", "ized", "ize");
    /** Letters that must stay before the suffix, so "size", "seize" and "prize" keep theirs. */
    private static final int MIN_STEM = 3;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    IzeFormsFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword()) {
            for (String suffix : SUFFIXES) {
                int stem = term.length() - suffix.length();
                if (stem >= MIN_STEM && endsWith(suffix)) {
                    term.setLength(stem).append("iz");
                    break;
                }
            }
        }
        return true;
    }

    private boolean endsWith(String suffix) {
        char[] buffer = term.buffer();
        int from = term.length() - suffix.length();
        for (int i = 0; i < suffix.length(); i++) {
            if (buffer[from + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
