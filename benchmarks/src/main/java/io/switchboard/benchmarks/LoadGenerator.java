package io.switchboard.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: a fixed number of senders, each posting one signed message and
 * waiting for the answer before the next, until a fixed number of requests has been sent or a time
 * limit has passed. Every message has a new event id. Each sender writes as a series of customers,
 * {@value #MESSAGES_PER_CUSTOMER} messages each, so one message in {@value #MESSAGES_PER_CUSTOMER}
 * opens a ticket and the others join it.
 */
final class LoadGenerator {
    static final int MESSAGES_PER_CUSTOMER = 10;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HookEndpoint endpoint;
    private final String runId;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param runId makes event and customer ids unique across the targets of one run, so a target never
     *              sees an id twice, whatever it shares with another
     */
    LoadGenerator(HookEndpoint endpoint, String runId) {
        this.endpoint = endpoint;
        this.runId = runId;
    }

    /**
     * Sends {@code requests} messages from {@code senders} senders, or fewer if {@code limit} passes first.
     *
     * @param phase distinguishes the ids of this call from those of other calls on the same target
     */
    LoadResult run(String phase, int senders, int requests, Duration limit) {
        AtomicLong remaining = new AtomicLong(requests);
        CountDownLatch start = new CountDownLatch(1);
        long deadline = System.nanoTime() + limit.toNanos();
        List<Sender> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Sender sender = new Sender(runId + "-" + phase + "-" + i, remaining, start, deadline);
            all.add(sender);
            threads.add(start(new Thread(sender, "sender-" + phase + "-" + i)));
        }
        CpuUsage cpuBefore = CpuUsage.now();
        long started = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            join(thread);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        CpuUsage cpu = CpuUsage.since(cpuBefore);
        return LoadResult.of(senders, elapsed, cpu, all.stream().map(Sender::outcome).toList());
    }

    private static Thread start(Thread thread) {
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the load ran", e);
        }
    }

    /** One sender's tally. */
    record SenderOutcome(int attempted, int accepted, int customers, long[] latencies, Map<String, Integer> errors) {
    }

    private final class Sender implements Runnable {
        private final String idPrefix;
        private final AtomicLong remaining;
        private final CountDownLatch start;
        private final long deadline;
        private final WebhookMessages messages = endpoint.messages().get();
        private long[] latencies = new long[1024];
        private final Map<String, Integer> errors = new TreeMap<>();
        private int attempted;
        private int accepted;
        private int customers;
        private long lastCustomerCounted = -1;

        Sender(String idPrefix, AtomicLong remaining, CountDownLatch start, long deadline) {
            this.idPrefix = idPrefix;
            this.remaining = remaining;
            this.start = start;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                long customer = attempted / MESSAGES_PER_CUSTOMER;
                WebhookMessages.Signed message = messages.message(idPrefix + "-" + attempted,
                        idPrefix + "-c" + customer, "Message " + attempted + " about order " + customer);
                attempted++;
                if (send(message)) {
                    accepted++;
                    if (customer != lastCustomerCounted) {
                        customers++;
                        lastCustomerCounted = customer;
                    }
                }
            }
        }

        /** Posts one message; true if it was acknowledged with 200, the channel's "stored". */
        private boolean send(WebhookMessages.Signed message) {
            HttpRequest request = HttpRequest.newBuilder(endpoint.messagesUrl())
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", message.contentType())
                    .header(message.signatureHeader(), message.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                    .build();
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                long latency = System.nanoTime() - sent;
                if (response.statusCode() == 200) {
                    if (accepted == latencies.length) {
                        latencies = Arrays.copyOf(latencies, 2 * accepted);
                    }
                    latencies[accepted] = latency;
                    return true;
                }
                errors.merge("HTTP " + response.statusCode(), 1, Integer::sum);
            } catch (IOException e) {
                errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                remaining.set(0);
            }
            return false;
        }

        SenderOutcome outcome() {
            return new SenderOutcome(attempted, accepted, customers, Arrays.copyOf(latencies, accepted), errors);
        }
    }
}
