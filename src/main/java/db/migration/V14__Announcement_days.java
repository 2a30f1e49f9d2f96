package db.migration;

import dev.paperdigest.papers.AnnouncementDayBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.SQLException;

/**
 * Every paper belongs to its announcement day from now on; the papers stored before are moved to
 * theirs ({@link AnnouncementDayBackfill}). In Java, because the day follows arXiv's schedule in
 * US Eastern time, which H2 and PostgreSQL have no common SQL for. No schema change: the day is
 * {@code paper.listed_on}, indexed since V1.
 */
public class V14__Announcement_days extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        AnnouncementDayBackfill.run(context.getConnection());
    }
}
