package io.switchboard.channels.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters per channel instance since start. */
final class Stats {
    enum Counter { INBOUND_ACCEPTED, INBOUND_DUPLICATE, INBOUND_REJECTED, OUTBOUND_SENT, OUTBOUND_RETRIED, OUTBOUND_FAILED }

    private final Map<String, LongAdder[]> counters = new ConcurrentHashMap<>();

    void add(String instance, Counter counter, long amount) {
        counters.computeIfAbsent(instance, i -> newAdders())[counter.ordinal()].add(amount);
    }

    long get(String instance, Counter counter) {
        LongAdder[] adders = counters.get(instance);
        return adders == null ? 0 : adders[counter.ordinal()].sum();
    }

    private static LongAdder[] newAdders() {
        LongAdder[] adders = new LongAdder[Counter.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
