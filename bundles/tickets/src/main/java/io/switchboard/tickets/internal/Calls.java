package io.switchboard.tickets.internal;

import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.CallRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.CallStats;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Phone calls: one CALL entry and one call row per instance and provider call id, filled in by every
 * update of the call. The first update files the call like an inbound message (same customer
 * resolution, same threading rule); later ones only complete it.
 */
final class Calls {
    static final int MAX_STATS_DAYS = 92;
    private static final int MAX_FIELD = 255;
    private static final int MAX_PATH = 4000;
    private static final int MAX_TRANSCRIPT = 100_000;

    private final Customers customers;
    private final Inbound inbound;

    Calls(Customers customers, Inbound inbound) {
        this.customers = customers;
        this.inbound = inbound;
    }

    void update(EntityManager em, String instance, String type, CallUpdate update, Instant now) {
        check(update);
        CallRow call = find(em, instance, update.callId());
        EntryRow entry;
        if (call == null) {
            entry = file(em, instance, type, update, now);
            call = new CallRow();
            call.entryId = entry.id;
            call.channelInstance = instance;
            call.callId = update.callId();
            call.direction = update.direction();
            call.startedAt = micros(update.occurredAt());
            merge(call, update);
            // The unique key on (instance, call id) turns a concurrent first update into a conflict, which is retried.
            em.persist(call);
        } else {
            entry = em.find(EntryRow.class, call.entryId);
            // Every update of a call bumps its version, so two applied at once conflict and one is run again
            // on what the other wrote, even when they touch different fields or only add a recording.
            em.lock(call, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            merge(call, update);
            Instant occurred = micros(update.occurredAt());
            if (occurred.isBefore(call.startedAt)) {
                call.startedAt = occurred;
            }
        }
        if (update.recording() != null && !hasAttachment(em, entry.id, update.recording().url())) {
            Timeline.attach(em, entry, update.recording(), true, "recording", now);
        }
        if (entry.direction == Direction.OUTBOUND && call.agent != null && entry.authorType == AuthorType.SYSTEM) {
            entry.authorType = AuthorType.AGENT;
            entry.author = call.agent;
        }
        entry.text = text(call);
        Callbacks.requested(em, call, entry, now);
    }

    /**
     * A call the core placed for a ticket: its entry on that ticket's conversation, so that the
     * connector's updates of the call (found by instance and call id) complete it there. If an update
     * of the call came first, it already filed the call and this changes nothing.
     */
    void outbound(EntityManager em, long conversationId, String callId, String agent, Instant now) {
        limit("callId", callId, MAX_FIELD);
        limit("agent", agent, MAX_FIELD);
        ConversationRow conversation = em.find(ConversationRow.class, conversationId);
        if (conversation == null) {
            throw new java.util.NoSuchElementException("conversation " + conversationId + " does not exist");
        }
        if (find(em, conversation.channelInstance, callId) != null) {
            return;
        }
        TicketRow ticket = em.find(TicketRow.class, conversation.ticketId);
        EntryRow entry = Timeline.entry(ticket, EntryType.CALL, AuthorType.AGENT, agent, "", now);
        entry.conversationId = conversation.id;
        entry.direction = Direction.OUTBOUND;
        entry.providerMessageId = callId;
        em.persist(entry);
        CallRow call = new CallRow();
        call.entryId = entry.id;
        call.channelInstance = conversation.channelInstance;
        call.callId = callId;
        call.direction = Direction.OUTBOUND;
        call.agent = agent;
        call.startedAt = micros(now);
        em.persist(call);
        entry.text = text(call);
        conversation.lastMessageAt = now;
        ticket.updatedAt = now;
    }

    /** The customer, conversation and ticket of a call seen for the first time, and its entry. */
    private EntryRow file(EntityManager em, String instance, String type, CallUpdate update, Instant now) {
        Address party = customers.normalize(update.caller().replyAddress());
        List<Address> addresses = new ArrayList<>();
        addresses.add(party);
        for (Address other : update.caller().otherAddresses()) {
            addresses.add(customers.normalize(other));
        }
        CustomerRow customer = customers.resolve(em, addresses, update.caller().displayName(), now);
        ConversationRow conversation = inbound.findConversation(em, instance, null, party)
                .filter(c -> inbound.joinable(em.find(TicketRow.class, c.ticketId), now))
                .orElse(null);
        TicketRow ticket;
        if (conversation == null) {
            ticket = Inbound.newTicket(em, customer, subject(update, party), now);
            conversation = Inbound.newConversation(em, ticket, instance, type, null, party, now);
        } else {
            ticket = em.find(TicketRow.class, conversation.ticketId);
            if (update.direction() == Direction.INBOUND) {
                Inbound.wake(em, ticket, now);
            }
        }
        conversation.lastMessageAt = now;
        ticket.updatedAt = now;

        boolean inbound = update.direction() == Direction.INBOUND;
        EntryRow entry;
        if (inbound) {
            entry = Timeline.entry(ticket, EntryType.CALL, AuthorType.CUSTOMER,
                    customer.name != null ? customer.name : party.value(), "", now);
        } else if (update.agent() != null) {
            entry = Timeline.entry(ticket, EntryType.CALL, AuthorType.AGENT, update.agent(), "", now);
        } else {
            entry = Timeline.entry(ticket, EntryType.CALL, AuthorType.SYSTEM, "system", "", now);
        }
        entry.conversationId = conversation.id;
        entry.direction = update.direction();
        entry.providerMessageId = update.callId();
        em.persist(entry);
        return entry;
    }

    /** Non-null fields win; an empty path keeps the one known. */
    private static void merge(CallRow call, CallUpdate update) {
        if (update.outcome() != null) {
            call.outcome = update.outcome();
        }
        if (!update.ivrPath().isEmpty()) {
            call.ivrPath = String.join(CallRow.PATH_SEPARATOR, update.ivrPath().stream().map(String::strip).toList());
        }
        call.queue = update.queue() != null ? update.queue() : call.queue;
        call.ivrSeconds = seconds(update.ivrTime(), call.ivrSeconds);
        call.waitSeconds = seconds(update.waitTime(), call.waitSeconds);
        call.talkSeconds = seconds(update.talkTime(), call.talkSeconds);
        call.agent = update.agent() != null ? update.agent() : call.agent;
        call.endedAt = update.endedAt() != null ? micros(update.endedAt()) : call.endedAt;
        if (update.transcript() != null && !update.transcript().isBlank()) {
            String transcript = update.transcript().strip();
            // A transcript is text for people: a cut one is better than a call the provider redelivers forever.
            call.transcript = transcript.length() <= MAX_TRANSCRIPT ? transcript
                    : transcript.substring(0, MAX_TRANSCRIPT - 1) + "…";
        }
    }

    private static Long seconds(Duration reported, Long known) {
        return reported == null ? known : Long.valueOf(reported.toSeconds());
    }

    private static void check(CallUpdate update) {
        limit("callId", update.callId(), MAX_FIELD);
        limit("queue", update.queue(), MAX_FIELD);
        limit("agent", update.agent(), MAX_FIELD);
        for (String step : update.ivrPath()) {
            if (step == null || step.isBlank()) {
                throw new IllegalArgumentException("ivrPath: a step is empty");
            }
        }
        limit("ivrPath", String.join(CallRow.PATH_SEPARATOR, update.ivrPath()), MAX_PATH);
    }

    private static void limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + ": longer than " + max + " characters");
        }
    }

    private static CallRow find(EntityManager em, String instance, String callId) {
        return em.createQuery("select c from CallRecord c where c.channelInstance = :i and c.callId = :c", CallRow.class)
                .setParameter("i", instance).setParameter("c", callId)
                .getResultStream().findFirst().orElse(null);
    }

    private static boolean hasAttachment(EntityManager em, long entryId, String url) {
        return em.createQuery("select count(a) from Attachment a where a.entryId = :e and a.url = :u", Long.class)
                .setParameter("e", entryId).setParameter("u", url).getSingleResult() > 0;
    }

    private static String subject(CallUpdate update, Address party) {
        String who = party.kind() == IdentityKind.PHONE ? party.value()
                : update.caller().displayName() != null ? update.caller().displayName() : "a withheld number";
        if (update.direction() == Direction.OUTBOUND) {
            return "Call to " + who;
        }
        return (update.outcome() == CallOutcome.VOICEMAIL ? "Voicemail from " : "Call from ") + who;
    }

    /** The line agents read on the timeline, e.g. "Incoming call, voicemail (42 s), IVR: main > billing". */
    static String text(CallRow call) {
        StringBuilder text = new StringBuilder(call.direction == Direction.OUTBOUND ? "Outgoing call" : "Incoming call");
        text.append(", ").append(call.outcome == null
                ? (call.endedAt == null ? "in progress" : "ended")
                : switch (call.outcome) {
                    case ANSWERED -> "answered";
                    case ABANDONED -> "abandoned";
                    case VOICEMAIL -> "voicemail";
                    case CALLBACK -> "callback requested";
                    case MISSED -> "missed";
                });
        if (call.endedAt != null && !call.endedAt.isBefore(call.startedAt)) {
            text.append(" (").append(duration(Duration.between(call.startedAt, call.endedAt).toSeconds())).append(')');
        }
        if (!call.ivrPath.isEmpty()) {
            text.append(", IVR: ").append(call.ivrPath);
        }
        if (call.queue != null) {
            text.append(", queue ").append(call.queue);
            if (call.waitSeconds != null) {
                text.append(" (waited ").append(duration(call.waitSeconds)).append(')');
            }
        }
        if (call.agent != null) {
            text.append(", agent ").append(call.agent);
        }
        if (call.talkSeconds != null) {
            text.append(", talked ").append(duration(call.talkSeconds));
        }
        if (call.transcript != null) {
            text.append("\nTranscript: ").append(call.transcript);
        }
        return text.toString();
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    static Call view(CallRow c) {
        return new Call(c.entryId, c.channelInstance, c.callId, c.direction, c.outcome,
                c.ivrPath.isEmpty() ? List.of() : Arrays.asList(c.ivrPath.split(CallRow.PATH_SEPARATOR)),
                c.queue, seconds(c.ivrSeconds), seconds(c.waitSeconds), seconds(c.talkSeconds), c.agent,
                c.startedAt, c.endedAt, c.transcript);
    }

    private static Duration seconds(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    static List<Call> ofTicket(EntityManager em, long ticketId) {
        return em.createQuery("select c from CallRecord c, Entry e where e.id = c.entryId and e.ticketId = :t"
                        + " order by e.createdAt, e.id", CallRow.class)
                .setParameter("t", ticketId).getResultStream().map(Calls::view).toList();
    }

    /** Per instance (the one given, or each with calls in the range) and per day from {@code from} to {@code to}. */
    static List<CallStats> stats(EntityManager em, String instance, LocalDate from, LocalDate to,
            int serviceLevelSeconds) {
        if (from == null || to == null) {
            throw new IllegalArgumentException((from == null ? "from" : "to") + ": required");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to: before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_STATS_DAYS) {
            throw new IllegalArgumentException("to: at most " + MAX_STATS_DAYS + " days from from");
        }
        if (serviceLevelSeconds < 0) {
            throw new IllegalArgumentException("serviceLevelSeconds: must not be negative");
        }
        String where = instance == null ? "" : " and c.channelInstance = :i";
        var query = em.createQuery("select c from CallRecord c where c.startedAt >= :from and c.startedAt < :to" + where,
                        CallRow.class)
                .setParameter("from", from.atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        if (instance != null) {
            query.setParameter("i", instance);
        }
        Map<String, Map<LocalDate, List<CallRow>>> byInstance = new TreeMap<>();
        if (instance != null) {
            byInstance.put(instance, new TreeMap<>());
        }
        for (CallRow call : query.getResultList()) {
            byInstance.computeIfAbsent(call.channelInstance, i -> new TreeMap<>())
                    .computeIfAbsent(LocalDate.ofInstant(call.startedAt, ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(call);
        }
        List<CallStats> stats = new ArrayList<>();
        byInstance.forEach((name, days) -> {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                stats.add(day(name, day, days.getOrDefault(day, List.of()), serviceLevelSeconds));
            }
        });
        return stats;
    }

    private static CallStats day(String instance, LocalDate date, List<CallRow> calls, int serviceLevelSeconds) {
        long answered = count(calls, CallOutcome.ANSWERED);
        long abandoned = count(calls, CallOutcome.ABANDONED);
        long answeredInTime = calls.stream().filter(c -> c.outcome == CallOutcome.ANSWERED
                && (c.waitSeconds == null || c.waitSeconds <= serviceLevelSeconds)).count();
        Map<String, Long> perAgent = new TreeMap<>();
        calls.stream().filter(c -> c.agent != null).forEach(c -> perAgent.merge(c.agent, 1L, Long::sum));
        return new CallStats(instance, date, calls.size(), answered, abandoned,
                calls.isEmpty() ? null : (double) abandoned / calls.size(),
                count(calls, CallOutcome.VOICEMAIL), count(calls, CallOutcome.CALLBACK), count(calls, CallOutcome.MISSED),
                average(calls, c -> c.talkSeconds), average(calls, c -> c.ivrSeconds), average(calls, c -> c.waitSeconds),
                answered + abandoned == 0 ? null : (double) answeredInTime / (answered + abandoned),
                perAgent);
    }

    private static long count(List<CallRow> calls, CallOutcome outcome) {
        return calls.stream().filter(c -> c.outcome == outcome).count();
    }

    private static Double average(List<CallRow> calls, Function<CallRow, Long> field) {
        List<Long> known = calls.stream().map(field).filter(v -> v != null).toList();
        return known.isEmpty() ? null : known.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
