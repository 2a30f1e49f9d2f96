package dev.paperdigest.matching;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Queries that are refused, with the message the subscriber sees after {@code Keyword "…"}. */
@NoDatabase
class QueryValidationTest {

    private static final PaperMatcher MATCHER = new LuceneMatcher();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            KEYWORD  | ``                     | is empty
            KEYWORD  | `   `                  | is empty
            KEYWORD  | "open quote            | has a quote that is never closed
            KEYWORD  | -vision                | only excludes words, so it would match nearly every paper: add a word to look for, e.g. "quantization -vision"
            KEYWORD  | -vision NOT image      | only excludes words, so it would match nearly every paper: add a word to look for, e.g. "quantization -vision"
            KEYWORD  | *                      | has a * on its own, which would match every paper
            KEYWORD  | title:*                | has a * on its own, which would match every paper
            KEYWORD  | ab*                    | has "ab*", which is too short to be useful: give at least 3 letters before *
            KEYWORD  | qu*nt                  | has "qu*nt": * can only end a word, as in "quantiz*"
            KEYWORD  | *coder                 | has "*coder": * can only end a word, as in "quantiz*"
            KEYWORD  | gpt-4*                 | has "gpt-4*": * works after a single word, as in "quantiz*"
            KEYWORD  | the of                 | has only very common words (such as "the" or "of"), which are not searched: add a more specific word
            KEYWORD  | "the"                  | has only very common words (such as "the" or "of"), which are not searched: add a more specific word
            KEYWORD  | author:hinton          | uses "author:", but only title: and abstract: can restrict where a word is looked for
            KEYWORD  | title:                 | has a field (title: or abstract:) with no word after it
            KEYWORD  | title:-survey          | has "title:-word": write the exclusion before the field, e.g. "-title:survey"
            KEYWORD  | (llm                   | has a parenthesis that is never closed
            KEYWORD  | llm)                   | has a closing parenthesis without an opening one
            KEYWORD  | llm OR                 | has "OR" without a word after it
            KEYWORD  | OR llm                 | has "OR" without a word before it
            KEYWORD  | llm OR -vision         | has "OR -word": an exclusion applies to the whole keyword, so write it on its own, e.g. "llm -vision"
            KEYWORD  | ()                     | has no word to look for
            KEYWORD  | llm NOT                | has "-" or NOT with nothing after it to exclude
            KEYWORD  | ?!                     | has no word to look for
            KEYWORD  | llm -(-vision)         | excludes a group that itself only excludes words: write the words to look for without "-"
            KEYWORD  | llm NOT (NOT vision)   | excludes a group that itself only excludes words: write the words to look for without "-"
            KEYWORD  | llm OR (-vision)       | has an alternative of OR that only excludes words
            KEYWORD  | (-vision)              | only excludes words, so it would match nearly every paper: add a word to look for, e.g. "quantization -vision"
            AUTHOR   | ``                     | is empty
            AUTHOR   | Lewis                  | is only a surname, and "Lewis" is shared by too many authors: add a first name or an initial, e.g. "J. Lewis"
            AUTHOR   | wang                   | is only a surname, and "wang" is shared by too many authors: add a first name or an initial, e.g. "J. wang"
            AUTHOR   | Müller                 | is only a surname, and "Müller" is shared by too many authors: add a first name or an initial, e.g. "J. Müller"
            AUTHOR   | Ng                     | is only a surname, and "Ng" is shared by too many authors: add a first name or an initial, e.g. "J. Ng"
            AUTHOR   | Mike L.                | ends with an initial: write the surname in full, e.g. "Mike Lewis" or "M. Lewis"
            AUTHOR   | Mike Lewis 2           | may contain only letters, spaces, hyphens, apostrophes and periods
            AUTHOR   | title:Lewis            | may contain only letters, spaces, hyphens, apostrophes and periods
            AUTHOR   | Lewis, Mike, Dettmers  | looks like several names: put one author per line
            AUTHOR   | . -                    | has no name in it
            CATEGORY | CL                     | is not an arXiv category: did you mean cs.CL?
            CATEGORY | cs.XX                  | is not an arXiv category: use a code such as cs.CL, or cs.* for a whole archive
            CATEGORY | cs                     | is a whole archive: write cs.* to follow all of it, or a category such as cs.AI
            CATEGORY | hep-th.*               | is not an arXiv archive with subject classes: use one such as cs.* or math.*
            CATEGORY | *                      | is not an arXiv category: use a code such as cs.CL, or cs.* for a whole archive
            """)
    void refusesWithAClearMessage(QueryKind kind, String query, String message) {
        InvalidQueryException refused =
                assertThrows(InvalidQueryException.class, () -> MATCHER.validate(kind, query == null ? "" : query));
        assertEquals(message, refused.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            KEYWORD  |   quantization   llm  | quantization llm
            KEYWORD  | "speculative decoding" OR lora -vision title:survey abstract:(diffusion OR flow) quantiz* | "speculative decoding" OR lora -vision title:survey abstract:(diffusion OR flow) quantiz*
            KEYWORD  | GPT-4 LLM.int8()      | GPT-4 LLM.int8()
            KEYWORD  | Title:survey          | Title:survey
            KEYWORD  | llm - vision          | llm - vision
            KEYWORD  | “smart quotes”        | “smart quotes”
            AUTHOR   | Dettmers              | Dettmers
            AUTHOR   | Łukasz  Kaiser        | Łukasz Kaiser
            AUTHOR   | Lewis, Mike           | Mike Lewis
            CATEGORY | cs.lg                 | cs.LG
            CATEGORY | CS.*                  | cs.*
            CATEGORY | cond-mat.STAT-MECH    | cond-mat.stat-mech
            """)
    void acceptsAndCanonicalises(QueryKind kind, String query, String canonical) throws Exception {
        assertEquals(canonical, MATCHER.validate(kind, query));
    }

    @Test
    void neverThrowsAnythingButInvalidQueryException() {
        List<String> nasty = List.of(
                "\\",
                "\"",
                "\"\"",
                "((((((((((a))))))))))",
                "a:b:c",
                "title:title:x",
                "~",
                "x~2",
                "x^2",
                "[a TO b]",
                "/regex/",
                "*:*",
                "NOT",
                "-",
                "--x",
                "- -",
                "OR OR",
                "| x",
                "&&",
                "\u0000",
                "é",
                "ß*",
                "ÅÅÅ*",
                "title:\"\"",
                "abstract:()",
                "(-x)",
                "x (-y)",
                "x OR (-y)",
                "x -(-y)",
                "x -(y -z)",
                "x -(-(y))",
                "x (-(y))",
                "\uD83D\uDE00",
                "a".repeat(201),
                "x ".repeat(40));
        Random random = new Random(7);
        String alphabet = "ab \"()*-:|OR NOT title:abstract:?~^éŁ\\";
        List<String> all = new ArrayList<>(nasty);
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(12); j >= 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            all.add(s.toString());
        }
        for (String query : all) {
            for (QueryKind kind : QueryKind.values()) {
                try {
                    String canonical = MATCHER.validate(kind, query);
                    // what validate accepts, match must run without complaint
                    SeedPapers.matchIds(MATCHER, SeedPapers.all().subList(0, 20), kind, canonical);
                } catch (InvalidQueryException expected) {
                    // fine: refused with a message
                } catch (RuntimeException e) {
                    throw new AssertionError(kind + " query <" + query + "> threw " + e, e);
                }
            }
        }
    }
}
