package dev.paperdigest.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TextFolding is the rule the analyzers apply: a word folds to the very term the index holds for it. */
class TextFoldingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            Łukasz,     lukasz
            Müller,     muller
            Straße,     strasse
            Æsop,       aesop
            İstanbul,   istanbul
            Þórunn,     thorunn
            Đorđević,   dordevic
            Øresund,    oresund
            ﬁnetuning,  finetuning
            ΟΔΥΣΣΕΥΣ,   οδυσσευσ
            quantized,  quantized
            """)
    void foldsAWordToTheTermTheIndexHolds(String word, String folded) {
        assertEquals(folded, TextFolding.fold(word));
        assertEquals(
                List.of(folded),
                PaperAnalysis.tokens(PaperAnalysis.FOLDED, word).stream()
                        .map(PaperAnalysis.Token::term)
                        .toList());
    }

    @Test
    void foldsEachCharacterOnItsOwn() {
        // the highlighter folds a text character by character and must find what folding it whole gives
        String text = "Straße in İSTANBUL, with Łukasz and ΟΔΥΣΣΕΥΣ: ﬁne-tuning Æsop \uD83D\uDE00.";
        StringBuilder pieces = new StringBuilder();
        text.codePoints().forEach(c -> pieces.append(TextFolding.fold(Character.toString(c))));
        assertEquals(TextFolding.fold(text), pieces.toString());
    }

    @Test
    void splitsFoldedWords() {
        assertEquals(List.of("jose", "muller", "simic"), TextFolding.words("José Müller-Šimić"));
        assertEquals(List.of(), TextFolding.words(" -. "));
        assertEquals(List.of(), TextFolding.words(null));
    }
}
