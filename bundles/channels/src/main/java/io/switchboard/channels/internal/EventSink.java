package io.switchboard.channels.internal;

import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.store.Store;
import io.switchboard.store.entity.InboundEventRow;
import io.switchboard.tickets.TicketService;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores a batch of channel events in one transaction, each at most once per instance: the
 * (instance, event id) row is written in the same transaction as what the event changes, so a
 * redelivery after a crash or a concurrent duplicate is recognised.
 */
final class EventSink {
    private static final int MAX_EVENT_ID = 255;

    record Outcome(int accepted, int duplicates) {
    }

    private EventSink() {
    }

    static Outcome store(Store store, TicketService tickets, String instance, String type, List<ChannelEvent> events) {
        for (ChannelEvent event : events) {
            if (event.eventId().length() > MAX_EVENT_ID) {
                throw new IllegalArgumentException("eventId: longer than " + MAX_EVENT_ID + " characters");
            }
        }
        // The first run does not look for duplicates: the unique key on (instance, event id) finds them, and
        // a redelivery is rare. A duplicate, a concurrent delivery of the same event or a reply on the same
        // ticket makes the run lose a race; the next run checks each event first and sees what was stored.
        AtomicInteger runs = new AtomicInteger();
        return store.transactionRetryingConflicts(
                em -> storeOnce(em, tickets, instance, type, events, runs.getAndIncrement() > 0));
    }

    private static Outcome storeOnce(EntityManager em, TicketService tickets, String instance, String type,
            List<ChannelEvent> events, boolean checkFirst) {
        int accepted = 0;
        int duplicates = 0;
        for (ChannelEvent event : events) {
            if (checkFirst && seen(em, instance, event.eventId())) {
                duplicates++;
                continue;
            }
            InboundEventRow row = new InboundEventRow();
            row.channelInstance = instance;
            row.eventId = event.eventId();
            row.receivedAt = Instant.now();
            em.persist(row);
            tickets.apply(instance, type, event);
            accepted++;
        }
        return new Outcome(accepted, duplicates);
    }

    private static boolean seen(EntityManager em, String instance, String eventId) {
        return em.createQuery("select count(e) from InboundEvent e where e.channelInstance = :i and e.eventId = :e",
                        Long.class)
                .setParameter("i", instance).setParameter("e", eventId).getSingleResult() > 0;
    }
}
