package dev.paperdigest.digests;

import dev.paperdigest.digests.smtp.DkimSigner;
import dev.paperdigest.digests.smtp.MimeWriter;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.Frequency;
import dev.paperdigest.subscriptions.Subscriber;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.paperdigest.digests.PaperViewsTest.paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A digest as sent, put together from cards encoded once for the run, is byte for byte the
 * message its templates render whole: both parts, in every transfer encoding a part can need.
 */
@QuarkusTest
class DigestMessageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T07:00:00Z"), ZoneOffset.UTC);
    private static final String FROM = "Paper Digest <digest@example.org>";

    @Inject
    DigestComposer composer;

    private static Map<Long, Paper> papers(Paper... papers) {
        Map<Long, Paper> byId = new LinkedHashMap<>();
        for (Paper paper : papers) {
            byId.put(paper.id, paper);
        }
        return byId;
    }

    private static final Map<Long, Paper> PLAIN = papers(
            paper(
                    1,
                    "2612.00001",
                    "Speculative decoding for <b>fast</b> & \"cheap\" LLMs",
                    "We study speculative decoding. Draft models propose tokens & a target model checks them.",
                    42),
            paper(
                    2,
                    "2612.00002",
                    "Über naïve Bayes — a café of 𝔽-algebras",
                    "Naïve Bayes über alles: 𝔽-algebras, décodage and emoji 🙂 in one abstract. " + "x".repeat(600),
                    null),
            paper(3, "demo-3", "A demo paper without an arXiv id", "Nothing to link to, 'quoted' text.", 0));

    /** A title of 1,500 two-byte characters: a line too long to go as it is, in both parts. */
    private static final Map<Long, Paper> LONG_LINE = papers(
            paper(1, "2612.00001", "é".repeat(1_500), "Decoding, at length.", 1),
            paper(2, "2612.00002", "Short", "Short.", 2),
            paper(3, "2612.00003", "Text", "Text.", 3));

    private static final Map<Long, Paper> CARRIAGE_RETURN = papers(
            paper(1, "2612.00001", "Decoding", "Decoding.", 1),
            paper(2, "2612.00002", "Short", "Short.", 2),
            paper(3, "2612.00003", "A carriage\rreturn alone", "Text.", 3));

    private Digest digest(Map<Long, Paper> papers, int moreCount) {
        return digest(papers, moreCount, "decoding");
    }

    private Digest digest(Map<Long, Paper> papers, int moreCount, String keyword) {
        Subscriber subscriber = new Subscriber();
        subscriber.publicId = "pub123";
        subscriber.email = "zoë@example.org";
        subscriber.frequency = Frequency.DAILY;
        Selection selection = new Selection(
                List.of(
                        new Selection.Pick(
                                1, List.of("KEYWORD\t" + keyword, "AUTHOR\tO'Brien <x>"), List.of("decoding")),
                        new Selection.Pick(2, List.of("CATEGORY\tcs.CL"), List.of()),
                        new Selection.Pick(3, List.of("KEYWORD\t\"text\" & <b>"), List.of("text"))),
                moreCount);
        DigestPeriod period = DigestPeriod.of(Frequency.DAILY, LocalDate.parse("2026-12-02"), DayOfWeek.MONDAY);
        return composer.compose(Addressee.of(subscriber), period, selection, papers, new PaperViews());
    }

    private static String asRenderedWhole(Digest digest, boolean eightBit) {
        byte[] whole = new MimeWriter()
                .header("From", FROM)
                .header("To", digest.email())
                .header("Subject", digest.subject())
                .header("Message-ID", "<m@example.org>")
                .header("List-Unsubscribe", "<" + digest.unsubscribeUrl() + ">")
                .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .write(DigestMails.text(digest), DigestMails.html(digest), ZonedDateTime.now(CLOCK), eightBit);
        return withoutBoundary(whole);
    }

    private static String asSent(Digest digest, boolean eightBit) {
        DigestMessage message = DigestMessage.of(
                digest, new DigestFrames(), FROM, "<m@example.org>", eightBit, new DkimSigner(Optional.empty()), CLOCK);
        assertEquals(DigestMails.html(digest).length(), message.htmlChars(), "the HTML part's characters");
        assertEquals(DigestMails.text(digest).length(), message.textChars(), "the text part's characters");
        return withoutBoundary(message.bytes());
    }

    private static String withoutBoundary(byte[] message) {
        return new String(message, StandardCharsets.UTF_8).replaceAll("=_pd_[0-9a-f]+", "=_pd_boundary");
    }

    @Test
    void aDigestAsSentIsItsTemplatesRenderedWhole() {
        for (int moreCount : new int[] {0, 1, 412}) {
            for (boolean eightBit : new boolean[] {true, false}) {
                Digest digest = digest(PLAIN, moreCount);
                String sent = asSent(digest, eightBit);
                assertEquals(asRenderedWhole(digest, eightBit), sent, moreCount + " more, 8-bit " + eightBit);
                assertTrue(sent.contains("Content-Transfer-Encoding: 7bit"), sent);
                assertTrue(
                        sent.contains("Content-Transfer-Encoding: " + (eightBit ? "8bit" : "quoted-printable")), sent);
            }
        }
    }

    @Test
    void aLineTooLongOrABareCarriageReturnSendsThePartQuotedPrintableAsBefore() {
        for (Map<Long, Paper> papers : List.of(LONG_LINE, CARRIAGE_RETURN)) {
            Digest digest = digest(papers, 3);
            String sent = asSent(digest, true);
            assertEquals(asRenderedWhole(digest, true), sent);
            assertTrue(
                    !sent.contains("Content-Transfer-Encoding: 7bit")
                            && !sent.contains("Content-Transfer-Encoding: 8bit"),
                    "both parts quoted-printable: " + sent);
        }
    }

    /** Each piece of the line fits, the line they make together does not: the parts still go encoded. */
    @Test
    void aLineMadeTooLongByAReadersValueSendsThePartQuotedPrintable() {
        Digest digest = digest(PLAIN, 0, "k".repeat(980));
        String sent = asSent(digest, true);
        assertEquals(asRenderedWhole(digest, true), sent);
        assertTrue(
                !sent.contains("Content-Transfer-Encoding: 7bit") && !sent.contains("Content-Transfer-Encoding: 8bit"),
                "both parts quoted-printable: " + sent);
    }
}
