package dev.paperdigest.digests;

import dev.paperdigest.support.AtomDocument;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The feed's XML stays readable whatever the text of a paper: markup is escaped, what XML cannot carry is dropped. */
@NoDatabase
class AtomFeedTest {

    @Test
    void untrustedTextIsEscapedAndCharactersXmlForbidsAreDropped() {
        String title = "</title><script>alert(1)</script> \u0000nul \u0001ctl \uD800lone \uD83D\uDE00 & ]]>";
        AtomFeed feed = new AtomFeed(
                "http://localhost:8080/feed/abc",
                "Paper Digest: papers for you",
                "A subtitle",
                Instant.parse("2026-11-28T10:15:30.123Z"),
                "http://localhost:8080/feed?token=a.f.b.c&x=<y>",
                "http://localhost:8080/",
                List.of(new AtomFeed.Entry(
                        "https://arxiv.org/abs/2611.00001",
                        title,
                        Instant.parse("2026-11-27T00:00:00Z"),
                        Instant.parse("2026-11-28T00:00:00Z"),
                        List.of("Ada \"The Countess\" Lovelace"),
                        "Line one\nline <two> & \u000Bthree",
                        List.of("cs.CL"),
                        "https://arxiv.org/pdf/2611.00001")));

        String xml = feed.toXml();
        assertThat(xml, not(containsString("<script>")));
        AtomDocument atom = AtomDocument.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(atom.text("updated"), equalTo("2026-11-28T10:15:30Z"));
        assertThat(atom.link("self"), equalTo("http://localhost:8080/feed?token=a.f.b.c&x=<y>"));
        AtomDocument.Entry entry = atom.entries.get(0);
        assertThat(entry.title(), equalTo("</title><script>alert(1)</script> nul ctl lone \uD83D\uDE00 & ]]>"));
        assertThat(entry.summary(), equalTo("Line one\nline <two> & three"));
        assertThat(entry.authors(), equalTo(List.of("Ada \"The Countess\" Lovelace")));
        assertThat(entry.published(), equalTo("2026-11-27T00:00:00Z"));
    }
}
