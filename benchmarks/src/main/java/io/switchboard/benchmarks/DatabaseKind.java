package io.switchboard.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** The databases Switchboard stores into, each benchmarked with a baseline on the same database. */
enum DatabaseKind {
    H2("H2 (embedded file, the default)"),
    POSTGRESQL("PostgreSQL (local server)");

    private final String title;

    DatabaseKind(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    static DatabaseKind named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.name().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown database '" + name + "': use "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT)));
    }
}
