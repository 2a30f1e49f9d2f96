package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class SnippetHighlighterTest {

    private static List<String> marked(String text, List<String> terms) {
        return SnippetHighlighter.snippet(text, terms, 1000).stream()
                .filter(SnippetHighlighter.Fragment::marked)
                .map(SnippetHighlighter.Fragment::text)
                .toList();
    }

    @Test
    void marksWholeWordsCaseAndAccentInsensitively() {
        assertEquals(
                List.of("Quantized", "quantized"),
                marked("Quantized weights and quantized activations.", List.of("quantized")));
        assertEquals(List.of("Łukasz"), marked("Work with Łukasz on it.", List.of("Lukasz")));
        assertEquals(List.of(), marked("We requantized it.", List.of("quantized")));
    }

    @Test
    void marksOnlyTheWordsGivenNotLongerWordsStartingWithThem() {
        // the matcher reports the words it found as written; a longer word it did not find stays unmarked
        assertEquals(
                List.of("token", "Token"),
                marked("A token, tokens, tokenizers and Token-level tokenization.", List.of("token")));
        assertEquals(
                List.of("tokenizers", "tokenization"),
                marked("A token, tokens, tokenizers and tokenization.", List.of("tokenization", "tokenizers")));
    }

    @Test
    void marksEvenWhenFoldingChangesTheLengthOfTheText() {
        // ß folds to "ss" and æ to "ae": the folded text is longer than the original
        assertEquals(
                List.of("quantization"),
                marked("Die Straße der Æsthetik: quantization helps.", List.of("quantization")));
        assertEquals(List.of("Straße"), marked("Die Straße der Æsthetik.", List.of("strasse")));
        assertEquals(
                List.of("speculative decoding"),
                marked("Faster speculative decoding for Æsop.", List.of("speculative decoding")));
    }

    @Test
    void cutsAroundTheFirstMatchOfALongAbstract() {
        String text = "Padding sentence number one. ".repeat(40) + "Here speculative decoding appears. "
                + "Tail. ".repeat(40);
        List<SnippetHighlighter.Fragment> snippet =
                SnippetHighlighter.snippet(text, List.of("speculative decoding"), 200);
        assertEquals("… ", snippet.get(0).text());
        assertTrue(snippet.stream().anyMatch(f -> f.marked() && f.text().equals("speculative decoding")));
        assertTrue(snippet.stream().mapToInt(f -> f.text().length()).sum() <= 200 + 4);
    }
}
