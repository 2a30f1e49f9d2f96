package dev.paperdigest.digests;

import dev.paperdigest.matching.MatchSession;
import dev.paperdigest.support.PaperIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Previews reuse the index of the papers they look at: a loop of preview requests does not rebuild it each time. */
@QuarkusTest
class MatchSessionsTest {

    @Inject
    MatchSessions sessions;

    @Test
    void theIndexOfNewPapersIsBuiltOnceUntilAPaperArrives() {
        MatchSession first = sessions.sinceRound(0);
        assertSame(first, sessions.sinceRound(0));

        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s0", "title": "A newcomer", "summary": "New.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(PaperIds.base("2612")));
        assertNotSame(first, sessions.sinceRound(0));
    }
}
