package io.switchboard.rest.internal;

import io.switchboard.store.Store;
import io.switchboard.store.internal.HibernateStore;
import io.switchboard.store.internal.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real stores on H2 files in temporary directories. Migrating and booting Hibernate takes seconds, so
 * most test classes share one; those that need an empty database open their own.
 */
final class SharedStore {
    private static HibernateStore shared;

    private SharedStore() {
    }

    static synchronized Store get() {
        if (shared == null) {
            shared = open();
            HibernateStore toClose = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(toClose::close, "close-test-store"));
        }
        return shared;
    }

    /** A store of its own, on an empty database; the caller closes it. */
    static HibernateStore open() {
        try {
            Path home = Files.createTempDirectory("switchboard-rest-test");
            return new HibernateStore(StoreSettings.embedded(home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
