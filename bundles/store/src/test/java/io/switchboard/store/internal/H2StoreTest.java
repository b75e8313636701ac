package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StoreTest extends StoreContractTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path home;

    @Override
    StoreSettings freshDatabase() {
        return StoreSettings.embedded(home.resolve("home-" + DATABASES.incrementAndGet()));
    }

    @Test
    void anInterruptedCallerDoesNotCloseTheDatabaseForEveryoneElse() throws Exception {
        String instance = "interrupted-" + unique();
        Throwable[] failure = new Throwable[1];
        Thread caller = new Thread(() -> {
            // As when an executor is shut down with shutdownNow() while its task writes.
            Thread.currentThread().interrupt();
            try {
                store.run(em -> em.persist(event(instance, "while-interrupted")));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        caller.start();
        caller.join();
        assertNull(failure[0], () -> "interrupted transaction failed: " + failure[0]);

        store.run(em -> em.persist(event(instance, "afterwards")));
        assertEquals(2, countEvents(instance));
    }

    @Test
    void keepsTheDatabaseFileUnderTheHomeDirectory() {
        Path file = home.resolve("home-1").resolve("data").resolve("db").resolve("switchboard.mv.db");
        assertTrue(Files.isRegularFile(file), file + " exists");
        assertTrue(store.description().startsWith("H2 2."), store.description());
        assertTrue(store.description().contains("file " + file.getParent().resolve("switchboard")),
                store.description());
    }
}
