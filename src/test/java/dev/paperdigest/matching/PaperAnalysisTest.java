package dev.paperdigest.matching;

import dev.paperdigest.matching.PaperAnalysis.Stemmer;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The terms words become, in the service's analysis and in the -ize variant it was compared with. */
@NoDatabase
class PaperAnalysisTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            tokenizations, tokenization
            Tokenizers,    tokenizer
            tokenize,      tokenize
            tokens,        token
            policies,      policy
            LLMs,          llm
            model's,       model
            Müller's,      muller
            optimizers,    optimizer
            optimization,  optimization
            adaptation,    adaptation
            """)
    void theServiceReducesPluralsAndPossessivesOnly(String word, String term) {
        assertEquals(List.of(term), terms(PaperAnalysis.ENGLISH, word));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            tokenizations, tokeniz
            tokenizers,    tokeniz
            tokenized,     tokeniz
            tokenizing,    tokeniz
            tokenisation,  tokeniz
            tokens,        token
            size,          size
            prizes,        prize
            seized,        seized
            """)
    void theIzeVariantJoinsAVerbWithItsIzerAndIzation(String word, String term) {
        assertEquals(List.of(term), terms(new PaperAnalysis(Stemmer.MINIMAL_IZE, true), word));
    }

    private static List<String> terms(PaperAnalysis analysis, String text) {
        return analysis.terms(text).stream().map(PaperAnalysis.Token::term).toList();
    }
}
