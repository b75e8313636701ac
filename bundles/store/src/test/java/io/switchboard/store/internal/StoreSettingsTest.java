package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    @Test
    void withoutAUrlTheEmbeddedDatabaseLivesUnderTheHomeDirectory() {
        StoreSettings settings = StoreSettings.fromProperties(Map.of("switchboard.home", "/srv/switchboard")::get);
        assertEquals("jdbc:h2:file:retry:/srv/switchboard/data/db/switchboard;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=32",
                settings.jdbcUrl());
        assertEquals("sa", settings.user());
        assertEquals("", settings.password());
        assertEquals("org.h2.Driver", settings.driverClassName());
        assertEquals("/srv/switchboard/data/db/switchboard", settings.h2File());
    }

    @Test
    void withoutAHomeTheWorkingDirectoryIsUsed() {
        StoreSettings settings = StoreSettings.fromProperties(Map.<String, String>of()::get);
        String expected = Path.of("").toAbsolutePath().resolve("data/db/switchboard").toString();
        assertEquals(expected, settings.h2File());
    }

    @Test
    void theUrlPropertyChoosesPostgresql() {
        StoreSettings settings = StoreSettings.fromProperties(Map.of(
                "switchboard.db.url", "jdbc:postgresql://127.0.0.1:5432/switchboard",
                "switchboard.db.user", "switchboard",
                "switchboard.db.password", "s3cret",
                "switchboard.home", "/srv/switchboard")::get);
        assertEquals("jdbc:postgresql://127.0.0.1:5432/switchboard", settings.jdbcUrl());
        assertEquals("switchboard", settings.user());
        assertEquals("s3cret", settings.password());
        assertEquals("org.postgresql.Driver", settings.driverClassName());
        assertNull(settings.h2File());
    }

    @Test
    void credentialsNeverShowInText() {
        StoreSettings settings = new StoreSettings(
                "jdbc:postgresql://db/switchboard?user=app&password=s3cret", "app", "s3cret");
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertFalse(settings.redactedUrl().contains("s3cret"), settings.redactedUrl());
        assertTrue(settings.redactedUrl().startsWith("jdbc:postgresql://db/switchboard"));
    }

    @Test
    void otherDatabasesAreRefusedByName() {
        StoreSettings settings = new StoreSettings("jdbc:mysql://db/switchboard", "app", null);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, settings::driverClassName);
        assertTrue(refused.getMessage().contains("H2 or PostgreSQL"), refused.getMessage());
    }
}
