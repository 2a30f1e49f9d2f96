package dev.paperdigest.papers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Gives the papers stored before every paper had its announcement day ({@link Paper#listedOn})
 * that day, where it can be told: arXiv papers and imports were put on the day they were fetched,
 * demo papers on the day they were loaded. Papers Hugging Face listed first keep the day it listed
 * them on. Plain JDBC, so that a migration can run it on H2 and PostgreSQL alike.
 */
public final class AnnouncementDayBackfill {

    static final int BATCH = 500;

    private AnnouncementDayBackfill() {}

    /** @return how many papers moved to another day */
    public static int run(Connection connection) throws SQLException {
        int moved = 0;
        int pending = 0;
        try (PreparedStatement read = connection.prepareStatement(
                        "SELECT id, sources, published_at, first_seen_at, listed_on FROM paper "
                                + "WHERE published_at IS NOT NULL AND sources NOT LIKE 'hf%'");
                PreparedStatement update = connection.prepareStatement("UPDATE paper SET listed_on = ? WHERE id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    LocalDate listedOn = rows.getObject("listed_on", LocalDate.class);
                    LocalDate day = dayOf(
                            rows.getString("sources"),
                            rows.getObject("published_at", OffsetDateTime.class).toInstant(),
                            rows.getObject("first_seen_at", OffsetDateTime.class)
                                    .toInstant(),
                            listedOn);
                    if (!day.equals(listedOn)) {
                        update.setObject(1, day);
                        update.setLong(2, rows.getLong("id"));
                        update.addBatch();
                        moved++;
                        if (++pending == BATCH) {
                            update.executeBatch();
                            pending = 0;
                        }
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        return moved;
    }

    /**
     * The day of a paper stored before: a day other than the one it was first seen on came from its
     * source and stays; so does the day of a paper Hugging Face listed first. Otherwise a demo
     * paper's day is the date of its page (its published date), and any other's its arXiv
     * announcement day (for a paper fetched from arXiv and listed by Hugging Face only later, on a
     * day not kept, the best guess there is).
     */
    static LocalDate dayOf(String sources, Instant published, Instant firstSeen, LocalDate listedOn) {
        String first = sources.strip().split("\\s+")[0];
        if (first.equals(HfDailyPapersParser.SOURCE)
                || !listedOn.equals(LocalDate.ofInstant(firstSeen, ZoneOffset.UTC))) {
            return listedOn;
        }
        if (first.equals(Paper.DEMO_SOURCE)) {
            return LocalDate.ofInstant(published, ZoneOffset.UTC);
        }
        return ArxivAnnouncement.dayOf(published);
    }
}
