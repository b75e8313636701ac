package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Architecture §6.4: a kill -9 loses nothing that was acknowledged. A child JVM commits events as
 * fast as it can and acknowledges each after its commit; the test kills it with SIGKILL in the middle
 * of that and then checks, on the reopened database, that every acknowledged event is there.
 */
class H2KillTest {
    /** Enough acknowledged commits that several fall within H2's default 500 ms write delay. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 2_000;

    @TempDir
    Path home;

    @Test
    void killedProcessKeepsEveryAcknowledgedCommit() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                AcknowledgingWriter.class.getName(), home.toString())
                .redirectError(home.resolve("writer.err").toFile())
                .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acknowledged.add("evt-" + line.substring(4));
                }
            }
            // SIGKILL on Linux: no shutdown hook, no close, whatever is in the JVM's memory is lost.
            // Acknowledgements still in the pipe are not read; what was read is checked.
            writer.destroyForcibly();
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "writer ended");
        } finally {
            writer.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL,
                "writer acknowledged only " + acknowledged.size() + " events; see " + home.resolve("writer.err"));

        HibernateStore reopened = new HibernateStore(StoreSettings.embedded(home));
        try {
            List<String> stored = reopened.transaction(em -> em.createQuery(
                    "select e.eventId from InboundEvent e where e.channelInstance = 'kill-test'", String.class)
                    .getResultList());
            Set<String> missing = new TreeSet<>(acknowledged);
            stored.forEach(missing::remove);
            assertEquals(Set.of(), missing, "acknowledged but lost");
        } finally {
            reopened.close();
        }
    }
}
