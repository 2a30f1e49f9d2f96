package dev.paperdigest.digests;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;

@NoDatabase
class AsciiHtmlTest {

    @Test
    void asciiStaysAsItIs() {
        String html = "<p class=\"t\">Attention &amp; memory</p>";
        assertThat(AsciiHtml.of(html), sameInstance(html));
    }

    @Test
    void otherCharactersBecomeNumericReferencesOneEachEvenOutsideTheBasicPlane() {
        assertThat(AsciiHtml.of("Łukasz · “MoE” 📄"), equalTo("&#321;ukasz &#183; &#8220;MoE&#8221; &#128196;"));
        assertThat(AsciiHtml.of("\uD836\uDC00 (U+1D800)"), equalTo("&#120832; (U+1D800)"));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertThat(AsciiHtml.of("a\uD83Db"), equalTo("a&#65533;b"));
    }
}
