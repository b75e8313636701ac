package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.rest.internal.auth.AdminTokenBootstrap;
import io.switchboard.rest.internal.auth.ApiTokens;
import io.switchboard.rest.internal.auth.Role;
import io.switchboard.rest.internal.auth.StoreTokenRepository;
import io.switchboard.store.internal.HibernateStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenBootstrapTest {
    private static HibernateStore store;
    private static ApiTokens tokens;

    @BeforeAll
    static void open() {
        store = SharedStore.open();
        CoreServices services = new CoreServices();
        services.setStore(store);
        tokens = new ApiTokens(new StoreTokenRepository(services));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theFirstStartWritesAnAdminTokenOnlyTheOwnerCanRead(@TempDir Path home) throws Exception {
        Path file = home.resolve("data").resolve("admin-token");
        AdminTokenBootstrap bootstrap = new AdminTokenBootstrap(tokens, file);

        assertTrue(bootstrap.ensureAdminToken());
        String token = Files.readString(file).trim();
        assertEquals(Role.ADMIN, tokens.authenticate(token).orElseThrow().role());
        assertEquals("admin", tokens.authenticate(token).orElseThrow().name());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }

        assertFalse(bootstrap.ensureAdminToken(), "an admin token exists now");
        assertEquals(token, Files.readString(file).trim(), "the file is left alone");
        assertEquals(1, tokens.list().stream().filter(t -> t.role() == Role.ADMIN).count());
    }
}
