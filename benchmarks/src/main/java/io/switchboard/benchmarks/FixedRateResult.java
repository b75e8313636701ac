package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one phase of {@link FixedRateLoad} measured. Latencies are from the moment each request was due.
 *
 * @param rate          the requests per second asked for
 * @param elapsed       the whole phase, lead-in included, as scheduled
 * @param measured      requests due in the measured part
 * @param answered      of those, answered 200 with the expected TwiML
 * @param achievedRate  those answers per second, from the first measured request's due time to the last of them
 * @param latencies     their latencies in nanoseconds, sorted
 * @param errors        the measured requests that failed, by reason
 * @param leadInErrors  the same for the lead-in
 * @param calls         calls whose incoming request was acknowledged, lead-in included: each opens a ticket
 * @param events        acknowledged requests that report something on the call, lead-in included
 * @param callsSent     incoming requests sent, lead-in included: a call whose answer timed out may be stored all the same
 * @param eventsSent    requests sent that report something on the call, lead-in included
 * @param lateSends     digits that were due before the answer they follow had arrived
 * @param maxSendDelay  how late the generator itself sent a request at worst, included in its latency
 * @param cpu           CPU time the processes involved spent during the phase
 */
record FixedRateResult(int rate, Duration elapsed, int measured, int answered, double achievedRate, long[] latencies,
        Map<String, Integer> errors, Map<String, Integer> leadInErrors, long calls, long events, long callsSent, long eventsSent, long lateSends,
        Duration maxSendDelay, CpuUsage cpu) {

    static FixedRateResult of(int rate, Duration elapsed, int firstMeasured, long[] due, long[] latency, String[] error,
            boolean[] reported, boolean[] sent, long lateSends, Duration maxSendDelay, CpuUsage cpu) {
        int slots = due.length;
        long[] ok = new long[slots - firstMeasured];
        int answered = 0;
        long lastAnswer = due[firstMeasured];
        long calls = 0;
        long events = 0;
        long callsSent = 0;
        long eventsSent = 0;
        for (int n = 0; n < slots; n++) {
            if (sent[n] && n % FixedRateLoad.STEPS == 0) {
                callsSent++;
            }
            if (sent[n] && reported[n]) {
                eventsSent++;
            }
            boolean acknowledged = error[n] == null && latency[n] > 0;
            if (acknowledged && n % FixedRateLoad.STEPS == 0) {
                calls++;
            }
            if (acknowledged && reported[n]) {
                events++;
            }
            if (n >= firstMeasured && acknowledged) {
                ok[answered++] = latency[n];
                lastAnswer = Math.max(lastAnswer, due[n] + latency[n]);
            }
        }
        long[] latencies = Arrays.copyOf(ok, answered);
        Arrays.sort(latencies);
        double span = (lastAnswer - due[firstMeasured]) / 1e9;
        return new FixedRateResult(rate, elapsed, slots - firstMeasured, answered, span > 0 ? answered / span : 0,
                latencies, tally(error, firstMeasured, slots), tally(error, 0, firstMeasured), calls, events, callsSent, eventsSent, lateSends,
                maxSendDelay, cpu);
    }

    private static Map<String, Integer> tally(String[] errors, int from, int to) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int n = from; n < to; n++) {
            if (errors[n] != null) {
                counts.merge(errors[n], 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Nearest rank, in milliseconds. */
    double percentileMillis(double percent) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * latencies.length);
        return latencies[Math.max(rank, 1) - 1] / 1e6;
    }

    double maxMillis() {
        return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
    }

    int failed() {
        return measured - answered;
    }

    /** Milliseconds of Switchboard's CPU per request of the phase (lead-in included). */
    double switchboardCpuPerRequest() {
        return CpuUsage.perMessage(cpu.children(), Math.round(rate * (elapsed.toNanos() / 1e9)));
    }

    double otherLoadPercent() {
        return cpu.othersPercent(elapsed);
    }

    /** For example "HTTP 503 ×3, timeout after 10 s ×1", or "none". */
    static String summary(Map<String, Integer> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        return errors.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d req/s asked: %d/%d answered with TwiML, %.0f req/s achieved, p50 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms, %d digits due before the answer they follow, generator at worst"
                        + " %.1f ms late, Switchboard CPU ms/request %.2f, other load %.0f%%, errors: %s%s",
                rate, answered, measured, achievedRate, percentileMillis(50), percentileMillis(99), maxMillis(), lateSends,
                maxSendDelay.toNanos() / 1e6, switchboardCpuPerRequest(), otherLoadPercent(), summary(errors),
                leadInErrors.isEmpty() ? "" : " (lead-in: " + summary(leadInErrors) + ")");
    }
}
