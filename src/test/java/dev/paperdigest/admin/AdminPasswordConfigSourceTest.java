package dev.paperdigest.admin;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NoDatabase
class AdminPasswordConfigSourceTest {

    @Test
    void definesTheAdminUserOnlyWhenThePasswordIsSet() {
        AdminPasswordConfigSource unset = new AdminPasswordConfigSource(Map.<String, String>of()::get);
        assertNull(unset.getValue(AdminPasswordConfigSource.KEY));
        assertTrue(unset.getPropertyNames().isEmpty());

        AdminPasswordConfigSource blank = new AdminPasswordConfigSource(Map.of("DIGEST_ADMIN_PASSWORD", "  ")::get);
        assertNull(blank.getValue(AdminPasswordConfigSource.KEY), "a blank password is no password");

        AdminPasswordConfigSource set = new AdminPasswordConfigSource(Map.of("DIGEST_ADMIN_PASSWORD", "s3cret")::get);
        assertEquals("s3cret", set.getValue("quarkus.security.users.embedded.users.admin"));
        assertEquals(Map.of("quarkus.security.users.embedded.users.admin", "s3cret"), set.getProperties());
        assertNull(set.getValue("quarkus.security.users.embedded.users.root"));
    }
}
