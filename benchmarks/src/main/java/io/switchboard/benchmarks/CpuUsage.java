package io.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time spent between two moments by the processes of a benchmark, and by the whole machine:
 * this JVM (the load generator, and the baseline when it runs), the processes it started (a
 * Switchboard under test, counted even after it ended), and the PostgreSQL server. On a machine with
 * few cores, CPU per message rather than waiting is what bounds throughput; and CPU that went to
 * anything else tells that a figure was disturbed.
 *
 * <p>Read from Linux's {@code /proc}; elsewhere the process times come from {@link ProcessHandle} and the
 * machine's total is unknown (zero).
 *
 * @param benchmarkJvm this JVM
 * @param children     processes started by this JVM, running or ended
 * @param postgres     processes running the {@code postgres} executable, with the backends they reaped
 * @param machine      all CPUs of the machine busy, whoever used them
 */
record CpuUsage(Duration benchmarkJvm, Duration children, Duration postgres, Duration machine) {
    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final long MILLIS_PER_TICK = 10;
    private static final Path PROC = Path.of("/proc");

    /** CPU time used so far, as a starting point for {@link #since(CpuUsage)}. */
    static CpuUsage now() {
        ProcessHandle self = ProcessHandle.current();
        return new CpuUsage(
                ownTime(self),
                total(self.descendants(), false).plus(reapedChildrenTime(self)),
                total(ProcessHandle.allProcesses().filter(CpuUsage::isPostgres), true),
                machineBusy());
    }

    /** What was used from {@code start} until now. */
    static CpuUsage since(CpuUsage start) {
        CpuUsage end = now();
        return new CpuUsage(end.benchmarkJvm.minus(start.benchmarkJvm), nonNegative(end.children.minus(start.children)),
                nonNegative(end.postgres.minus(start.postgres)), nonNegative(end.machine.minus(start.machine)));
    }

    /** The benchmark's own processes together. */
    Duration total() {
        return benchmarkJvm.plus(children).plus(postgres);
    }

    /**
     * CPU the machine spent on anything but this benchmark: other processes, and time the hypervisor
     * gave to other machines.
     */
    Duration others() {
        return nonNegative(machine.minus(total()));
    }

    /** {@link #others()} in percent of what all cores could give in {@code elapsed}. */
    double othersPercent(Duration elapsed) {
        int cores = Runtime.getRuntime().availableProcessors();
        return elapsed.isZero() ? 0 : 100.0 * others().toNanos() / (elapsed.toNanos() * (double) cores);
    }

    /** Milliseconds of {@code part} per message. */
    static double perMessage(Duration part, long messages) {
        return messages == 0 ? Double.NaN : part.toNanos() / 1e6 / messages;
    }

    private static Duration ownTime(ProcessHandle self) {
        return ticks(self.pid(), false).orElseGet(() -> self.info().totalCpuDuration().orElse(Duration.ZERO));
    }

    /** Children that ended and were waited for are added to their parent's account by the kernel. */
    private static Duration reapedChildrenTime(ProcessHandle self) {
        Duration withChildren = ticks(self.pid(), true).orElse(Duration.ZERO);
        Duration own = ticks(self.pid(), false).orElse(Duration.ZERO);
        return nonNegative(withChildren.minus(own));
    }

    private static Duration total(Stream<ProcessHandle> processes, boolean withReapedChildren) {
        return processes.map(process -> ticks(process.pid(), withReapedChildren)
                        .orElseGet(() -> process.info().totalCpuDuration().orElse(Duration.ZERO)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * User and system time of a process from {@code /proc/<pid>/stat} (fields 14 and 15), plus those of its
     * ended children (16 and 17) if asked; empty if the process is gone or this is not Linux.
     */
    private static Optional<Duration> ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // the command name in parentheses may contain spaces; the fields after it are plain numbers
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 of the file (the state), so field n is at index n - 3
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return Optional.of(Duration.ofMillis(ticks * MILLIS_PER_TICK));
        } catch (IOException | RuntimeException goneOrNotLinux) {
            return Optional.empty();
        }
    }

    /** User, nice, system, irq, softirq and steal time of all CPUs: everything but idle and I/O wait. */
    private static Duration machineBusy() {
        try {
            String[] fields = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[field]);
            }
            return Duration.ofMillis(ticks * MILLIS_PER_TICK);
        } catch (IOException | RuntimeException notLinux) {
            return Duration.ZERO;
        }
    }

    /** A process that ended in between takes its time with it; the sum then shrinks, which is no negative use. */
    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
    }
}
