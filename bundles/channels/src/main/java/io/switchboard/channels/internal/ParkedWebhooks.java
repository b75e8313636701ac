package io.switchboard.channels.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.store.Store;
import io.switchboard.store.entity.ParkedWebhookRow;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks the core answered for an instance that could not (a voice instance whose connector was
 * stopped, or the provider's fallback URL), kept exactly as received, and their replay once the
 * instance runs: through its {@code receive}, in arrival order, so the connector checks each
 * signature then as it would have live. What it accepts is stored the normal way (an event already
 * stored is recognised by its id); what it rejects is dropped with a log line; a row is deleted once
 * handled, in a transaction after the events', so a crash in between replays it and stores nothing
 * twice. Everything is in the database: a restart carries on where it was.
 */
final class ParkedWebhooks implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedWebhooks.class);
    private static final int BATCH = 50;
    private static final Duration INITIAL_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final Supplier<Store> store;
    private final Function<String, Optional<InstanceHandle>> instances;
    private final Predicate<String> configured;
    private final BiConsumer<InstanceHandle, List<ChannelEvent>> sink;
    private final java.util.function.Consumer<String> rejections;
    private final Clock clock;
    /** Instances whose connector failed on a replay: left alone until then, so it is not hammered. */
    private final Map<String, Pause> paused = new ConcurrentHashMap<>();

    private record Pause(Instant until, Duration length) {
    }

    /**
     * @param sink stores an instance's accepted events, de-duplicated; throws {@link IllegalArgumentException}
     *     for events that can never be stored
     * @param rejections counts a request the instance rejected
     */
    ParkedWebhooks(Supplier<Store> store, Function<String, Optional<InstanceHandle>> instances,
            Predicate<String> configured, BiConsumer<InstanceHandle, List<ChannelEvent>> sink,
            java.util.function.Consumer<String> rejections, Clock clock) {
        this.store = store;
        this.instances = instances;
        this.configured = configured;
        this.sink = sink;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** Keeps a request for its instance; durable when this returns. */
    static void park(Store store, String instanceId, WebhookRequest request, Instant receivedAt) {
        ParkedWebhookRow row = new ParkedWebhookRow();
        row.channelInstance = instanceId;
        row.method = request.method();
        row.path = request.path();
        row.requestUri = request.requestUri().toString();
        row.headers = encodeHeaders(request.headers());
        row.body = request.body();
        row.receivedAt = receivedAt.truncatedTo(ChronoUnit.MICROS);
        store.run(em -> em.persist(row));
    }

    @Override
    public void run() {
        Store current = store.get();
        if (current == null) {
            return;
        }
        try {
            List<String> waiting = current.transaction(em -> em.createQuery(
                    "select distinct p.channelInstance from ParkedWebhook p", String.class)
                    .setMaxResults(BATCH).getResultList());
            for (String instance : waiting) {
                Pause pause = paused.get(instance);
                if (pause != null && clock.instant().isBefore(pause.until())) {
                    continue;
                }
                replay(current, instance);
            }
        } catch (RuntimeException e) {
            // Nothing was deleted that was not handled: the next run tries again.
            LOG.warn("Replaying parked webhooks failed: {}", e.toString());
        }
    }

    /** Works through one instance's parked requests, oldest first, until one cannot be handled now. */
    private void replay(Store store, String instance) {
        while (true) {
            Optional<ParkedWebhookRow> next = store.transaction(em -> em.createQuery(
                            "select p from ParkedWebhook p where p.channelInstance = :i order by p.id",
                            ParkedWebhookRow.class)
                    .setParameter("i", instance).setMaxResults(1).getResultStream().findFirst());
            if (next.isEmpty()) {
                paused.remove(instance);
                return;
            }
            ParkedWebhookRow row = next.get();
            Optional<InstanceHandle> handle = instances.apply(instance);
            if (handle.isEmpty()) {
                if (configured.test(instance)) {
                    return;
                }
                LOG.warn("Dropped a parked {} {} of channel instance {}: the instance no longer exists", row.method,
                        row.path, instance);
                delete(store, row.id);
                continue;
            }
            Optional<InboundResult> result;
            try {
                result = handle.get().receive(request(row));
            } catch (InstanceHandle.ConnectorFailure e) {
                Pause previous = paused.get(instance);
                Duration length = previous == null ? INITIAL_PAUSE
                        : previous.length().multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE
                        : previous.length().multipliedBy(2);
                paused.put(instance, new Pause(clock.instant().plus(length), length));
                LOG.warn("Channel instance {} failed on a parked {} {}; it is offered again in {} s", instance,
                        row.method, row.path, length.toSeconds());
                return;
            }
            if (result.isEmpty()) {
                return;
            }
            if (result.get() instanceof InboundResult.Rejected rejected) {
                LOG.warn("Dropped a parked {} {} of channel instance {}, received {}: the connector rejected it ({}: {})",
                        row.method, row.path, instance, row.receivedAt, rejected.reason(), rejected.detail());
                rejections.accept(instance);
                delete(store, row.id);
                continue;
            }
            List<ChannelEvent> events = ((InboundResult.Accepted) result.get()).events();
            if (!events.isEmpty()) {
                try {
                    sink.accept(handle.get(), events);
                } catch (IllegalArgumentException e) {
                    LOG.warn("Dropped a parked {} {} of channel instance {}: its events cannot be stored ({})",
                            row.method, row.path, instance, e.getMessage());
                }
            }
            delete(store, row.id);
            paused.remove(instance);
        }
    }

    private static void delete(Store store, long id) {
        store.run(em -> {
            ParkedWebhookRow row = em.find(ParkedWebhookRow.class, id);
            if (row != null) {
                em.remove(row);
            }
        });
    }

    static WebhookRequest request(ParkedWebhookRow row) {
        return new WebhookRequest(row.method, row.path, URI.create(row.requestUri), decodeHeaders(row.headers), row.body);
    }

    /** HTTP header values hold no line breaks, so one line per value keeps them apart. */
    static String encodeHeaders(Map<String, List<String>> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(value ->
                text.append(name).append(": ").append(value.replace('\r', ' ').replace('\n', ' ')).append('\n')));
        return text.toString();
    }

    static Map<String, List<String>> decodeHeaders(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>()).add(line.substring(colon + 2));
            }
        }
        return headers;
    }
}
