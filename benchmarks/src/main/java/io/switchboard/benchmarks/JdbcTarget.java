package io.switchboard.benchmarks;

/**
 * A database to store into.
 *
 * @param url      the JDBC URL
 * @param user     the user, or {@code null}
 * @param password the password, or {@code null}
 */
record JdbcTarget(String url, String user, String password) {

    String driverClassName() {
        if (url.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        throw new IllegalArgumentException("Neither H2 nor PostgreSQL: " + url);
    }

    @Override
    public String toString() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
