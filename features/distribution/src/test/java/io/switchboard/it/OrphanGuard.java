package io.switchboard.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills the Switchboard processes still running when the test JVM exits (a test that failed
 * before close, a run cut short), so that none lingers on a CI machine holding a port and memory.
 */
final class OrphanGuard {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "switchboard-orphan-guard"));
    }

    private OrphanGuard() {
    }

    static void watch(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
    }
}
