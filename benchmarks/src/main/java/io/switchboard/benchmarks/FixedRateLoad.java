package io.switchboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator for voice calls: requests go out on a fixed schedule, one every
 * 1/rate seconds, whatever the answers, and each latency is counted from the moment its request was
 * due, not from when it was sent. A server that stalls therefore shows every request that waited
 * behind the stall, rather than the one slow answer a closed loop would see (coordinated omission).
 *
 * <p>Each call is three requests {@link #THINK} apart: the incoming call, the main menu's digit and the
 * sub-menu's digit, each posted to the {@code <Gather>} action URL of the previous answer, as Twilio
 * does. The schedule interleaves them, so that at any moment a third of the requests are incoming
 * calls and two thirds are digits. A digit whose previous answer has not arrived when it is due goes
 * out as soon as it does, still timed from when it was due; one whose previous step failed is not sent
 * and counts as an error.
 */
final class FixedRateLoad {
    /** The time between a call's requests: the caller hears the prompt and presses a key. */
    static final Duration THINK = Duration.ofSeconds(1);
    static final int STEPS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long after the last request is due the phase waits for its answers: a call's digits may each
     * wait for the previous answer, so its last request may go out two timeouts late.
     */
    private static final Duration DRAIN = REQUEST_TIMEOUT.multipliedBy(STEPS).plusSeconds(5);

    private final String runId;
    private final AtomicLong callers;
    private final ExecutorService answers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "voice-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(answers)
            .build();
    private final ThreadLocal<VoiceCalls> calls;

    /**
     * @param loopbackHookBase where the instance's hooks are reached, {@code http://127.0.0.1:port/hooks/voice}
     * @param callers          shared by every phase on one target, so that each call has a caller number of its own
     */
    FixedRateLoad(URI loopbackHookBase, String runId, AtomicLong callers) {
        this.runId = runId;
        this.callers = callers;
        this.calls = ThreadLocal.withInitial(() -> new VoiceCalls(loopbackHookBase));
    }

    /**
     * Sends at {@code rate} requests per second: first for {@code leadIn}, then for {@code measured}. Only
     * the requests due in the second part are measured; the first lets the calls begin, so that the
     * measured mix already holds digits as well as incoming calls.
     */
    FixedRateResult run(String phase, int rate, Duration leadIn, Duration measured) {
        long interval = 1_000_000_000L / rate;
        int callsPerThink = (int) Math.max(1, Math.round(rate * (THINK.toNanos() / 1e9) / STEPS));
        int firstMeasured = (int) Math.max(leadIn.toNanos() / interval, (long) STEPS * (STEPS - 1) * callsPerThink);
        int slots = firstMeasured + (int) (measured.toNanos() / interval);
        Call[] all = new Call[slots / STEPS + 1];
        long[] due = new long[slots];
        long[] latency = new long[slots];
        String[] error = new String[slots];
        boolean[] reported = new boolean[slots];
        boolean[] sent = new boolean[slots];
        CompletableFuture<?>[] done = new CompletableFuture<?>[slots];
        long lateSends = 0;
        long maxSendDelay = 0;

        CpuUsage cpuBefore = CpuUsage.now();
        long start = System.nanoTime() + 10_000_000L;
        for (int n = 0; n < slots; n++) {
            due[n] = start + n * interval;
            int step = n % STEPS;
            int callIndex = n / STEPS - step * callsPerThink;
            if (callIndex < 0) {
                done[n] = CompletableFuture.completedFuture(null);
                continue;
            }
            waitUntil(due[n]);
            long delay = System.nanoTime() - due[n];
            maxSendDelay = Math.max(maxSendDelay, delay);
            int slot = n;
            if (step == 0) {
                long caller = callers.incrementAndGet();
                Call call = new Call(callIndex, VoiceCalls.callSid(runId + "-" + phase + "-" + callIndex),
                        VoiceCalls.callerNumber(caller));
                all[callIndex] = call;
                VoiceCalls.Request request = calls.get().incoming(call.sid, call.from);
                // null, for a failed request, tells the call's next step not to go out
                done[n] = send(request, due[n], latency, error, sent, slot).thenAccept(call.menu::complete);
            } else {
                Call call = all[callIndex];
                CompletableFuture<String> previous = step == 1 ? call.menu : call.subMenu;
                CompletableFuture<String> next = step == 1 ? call.subMenu : null;
                if (!previous.isDone()) {
                    lateSends++;
                }
                done[n] = previous.thenCompose(url -> {
                    if (url == null) {
                        error[slot] = "not sent: an earlier request of the call failed";
                        if (next != null) {
                            next.complete(null);
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    VoiceCalls.Request request = step == 1
                            ? calls.get().firstChoice(url, call.sid, call.from, call.index)
                            : calls.get().secondChoice(url, call.sid, call.from, call.index);
                    reported[slot] = step == 1 || VoiceCalls.secondDigitIsAChoice(call.index);
                    CompletableFuture<String> answer = send(request, due[slot], latency, error, sent, slot);
                    if (next != null) {
                        answer = answer.whenComplete((action, failure) -> next.complete(failure == null ? action : null));
                    }
                    return answer;
                });
            }
            if (step == 0) {
                reported[n] = true;
            }
        }
        long lastDue = due[slots - 1];
        try {
            CompletableFuture.allOf(done).exceptionally(failure -> null)
                    .get(DRAIN.toNanos() + Math.max(0, lastDue - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Answers still missing " + DRAIN.toSeconds() + " s after the last request");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the load ran", e);
        }
        CpuUsage cpu = CpuUsage.since(cpuBefore);
        return FixedRateResult.of(rate, Duration.ofNanos(slots * interval), firstMeasured, due, latency, error, reported, sent,
                lateSends, Duration.ofNanos(maxSendDelay), cpu);
    }

    /** Posts one request; completes with the menu's action URL ("" for other answers), or null if it failed. */
    private CompletableFuture<String> send(VoiceCalls.Request request, long due, long[] latency, String[] error,
            boolean[] sent, int slot) {
        sent[slot] = true;
        HttpRequest http = HttpRequest.newBuilder(request.uri())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(TwilioMessages.SIGNATURE_HEADER, request.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            long answered = System.nanoTime();
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                error[slot] = cause instanceof HttpTimeoutException ? "timeout after " + REQUEST_TIMEOUT.toSeconds() + " s"
                        : cause.getClass().getSimpleName();
                return null;
            }
            if (response.statusCode() != 200) {
                error[slot] = "HTTP " + response.statusCode();
                return null;
            }
            try {
                String action = calls.get().check(request, response.headers().firstValue("Content-Type").orElse(null),
                        response.body());
                latency[slot] = answered - due;
                return action;
            } catch (IllegalArgumentException e) {
                error[slot] = e.getMessage();
                return null;
            }
        });
    }

    private static void waitUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** One call: its SID, the caller, and the action URLs of its menus once their answers are in. */
    private static final class Call {
        final long index;
        final String sid;
        final String from;
        final CompletableFuture<String> menu = new CompletableFuture<>();
        final CompletableFuture<String> subMenu = new CompletableFuture<>();

        Call(long index, String sid, String from) {
            this.index = index;
            this.sid = sid;
            this.from = from;
        }
    }
}
