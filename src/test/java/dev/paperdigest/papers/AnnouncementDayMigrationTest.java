package dev.paperdigest.papers;

import dev.paperdigest.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Migration V14 on a database of the kind under test (H2 in the first pass, a PostgreSQL of its
 * own in the second) holding papers stored the way they were before it: each is moved to its
 * announcement day where that can be told, and left alone where its day came from its source.
 */
class AnnouncementDayMigrationTest {

    private static final Instant FETCHED = Instant.parse("2026-06-15T05:00:00Z");

    @Test
    void papersStoredBeforeV14MoveToTheirAnnouncementDay() throws Exception {
        if (TestDatabase.isPostgres()) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
                migrateOldRows(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            }
        } else {
            migrateOldRows("jdbc:h2:mem:v14-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
    }

    private static void migrateOldRows(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).target("13").load().migrate();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            // published times of the real arXiv samples; fetched on Monday, June 15, 2026
            insert(db, 1, "2202.12139", "arxiv", "2022-02-24T15:05:19Z", FETCHED, day(FETCHED));
            insert(db, 2, "2503.05555", "arxiv import", "2025-03-07T12:39:59Z", FETCHED, day(FETCHED));
            insert(db, 3, "2606.13681", "hf arxiv", "2026-06-11T00:00:00Z", FETCHED, day(FETCHED));
            insert(db, 4, "2606.00601", "arxiv hf", "2026-06-05T10:00:00Z", FETCHED, LocalDate.of(2026, 6, 16));
            insert(db, 5, "2410.17243", "import", "2024-10-22T17:59:30Z", FETCHED, LocalDate.of(2024, 10, 25));
            insert(db, 6, "demo-1a2b3c4d5e", "demo", "2024-07-01T00:00:00Z", FETCHED, day(FETCHED));
            insert(db, 7, "demo-5e4d3c2b1a", "demo", null, FETCHED, day(FETCHED));
        }

        Flyway.configure().dataSource(url, user, password).load().migrate();

        try (Connection db = DriverManager.getConnection(url, user, password)) {
            assertEquals(LocalDate.of(2022, 2, 25), listedOn(db, 1), "Thursday morning (Eastern): Friday's listing");
            assertEquals(LocalDate.of(2025, 3, 10), listedOn(db, 2), "Friday morning: Monday's listing");
            assertEquals(day(FETCHED), listedOn(db, 3), "listed by Hugging Face first: its day stays");
            assertEquals(LocalDate.of(2026, 6, 16), listedOn(db, 4), "a day Hugging Face gave later stays");
            assertEquals(LocalDate.of(2024, 10, 25), listedOn(db, 5), "a day the import gave stays");
            assertEquals(LocalDate.of(2024, 7, 1), listedOn(db, 6), "a demo paper: its page's date");
            assertEquals(day(FETCHED), listedOn(db, 7), "a demo paper without a date: where it was");
        }
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void insert(
            Connection db,
            long id,
            String arxivId,
            String sources,
            String published,
            Instant firstSeen,
            LocalDate listedOn)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO paper (id, arxiv_id, title, abstract_text, authors, categories, sources, published_at,"
                        + " listed_on, first_seen_at, last_seen_at) VALUES (?, ?, 'A title', 'An abstract.', 'Ada Lovelace',"
                        + " 'cs.CL', ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, arxivId);
            insert.setString(3, sources);
            insert.setObject(4, published == null ? null : OffsetDateTime.parse(published));
            insert.setObject(5, listedOn);
            insert.setObject(6, firstSeen.atOffset(ZoneOffset.UTC));
            insert.setObject(7, firstSeen.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static LocalDate listedOn(Connection db, long id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT listed_on FROM paper WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getObject(1, LocalDate.class);
            }
        }
    }
}
