package dev.paperdigest.common;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A list of ids as the parameters of an SQL {@code IN (…)}, padded to a power of two with its
 * last id: the database then sees a few statements, one per size, instead of one per length.
 */
public final class IdParameters {

    private IdParameters() {}

    /** {@code ?, ?, …} for {@code ids} ids, padded. */
    public static String placeholders(int ids) {
        return "?" + ",?".repeat(slots(ids) - 1);
    }

    /** Binds the ids from parameter {@code first} on, padded as {@link #placeholders} counts them. */
    public static void bind(PreparedStatement statement, int first, List<Long> ids) throws SQLException {
        int slots = slots(ids.size());
        for (int i = 0; i < slots; i++) {
            statement.setLong(first + i, ids.get(Math.min(i, ids.size() - 1)));
        }
    }

    private static int slots(int ids) {
        if (ids < 1) {
            throw new IllegalArgumentException("an IN list needs at least one id");
        }
        return Math.max(1, Integer.highestOneBit(ids - 1) << 1);
    }
}
