package dev.paperdigest.papers;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service itself runs the Java migration V14 on start, not only a Flyway of a test's making. */
@QuarkusTest
class AnnouncementDayAtStartTest {

    @Inject
    DataSource dataSource;

    @Test
    void theServiceAppliesV14() throws SQLException {
        try (Connection db = dataSource.getConnection();
                Statement select = db.createStatement();
                ResultSet row = select.executeQuery(
                        "SELECT \"type\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = '14'")) {
            assertTrue(row.next(), "V14 is in the schema history");
            assertEquals("JDBC", row.getString("type"));
            assertTrue(row.getBoolean("success"));
        }
    }
}
