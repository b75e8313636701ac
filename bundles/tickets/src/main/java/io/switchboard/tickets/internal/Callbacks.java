package io.switchboard.tickets.internal;

import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.store.entity.CallRow;
import io.switchboard.store.entity.CallbackRequestRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.tickets.CallbackRequest;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The callback queue: callers keep their place, by the time they entered the queue, until an agent
 * accepts them in that order.
 */
final class Callbacks {
    private static final int MAX_DETAIL = 1000;

    private Callbacks() {
    }

    /** Files the request of a call whose outcome is CALLBACK, once per call; callers without a number cannot be called back. */
    static void requested(EntityManager em, CallRow call, EntryRow entry, Instant now) {
        if (call.outcome != CallOutcome.CALLBACK || find(em, call.channelInstance, call.callId) != null) {
            return;
        }
        ConversationRow conversation = entry.conversationId == null ? null
                : em.find(ConversationRow.class, entry.conversationId);
        if (conversation == null || conversation.addressKind != IdentityKind.PHONE) {
            return;
        }
        CallbackRequestRow row = new CallbackRequestRow();
        row.channelInstance = call.channelInstance;
        row.callId = call.callId;
        row.ticketId = entry.ticketId;
        row.customerAddress = conversation.address;
        row.queue = call.queue;
        row.queuedAt = call.ivrSeconds == null ? call.startedAt : call.startedAt.plusSeconds(call.ivrSeconds);
        row.state = CallbackRequestRow.State.WAITING;
        row.createdAt = now;
        row.updatedAt = now;
        // A concurrent second report of the choice breaks the unique key and is run again, finding this one.
        em.persist(row);
    }

    static List<CallbackRequest> waiting(EntityManager em) {
        return em.createQuery("select c from CallbackRequest c where c.state = :s order by c.queuedAt, c.id",
                CallbackRequestRow.class).setParameter("s", CallbackRequestRow.State.WAITING)
                .getResultStream().map(Callbacks::view).toList();
    }

    static CallbackRequest accept(EntityManager em, long id, String agent, Instant now) {
        CallbackRequestRow row = em.find(CallbackRequestRow.class, id);
        if (row == null) {
            throw new NoSuchElementException("There is no callback request " + id + ".");
        }
        if (row.state != CallbackRequestRow.State.WAITING) {
            throw new IllegalStateException("Callback request " + id + " is not waiting: it is "
                    + row.state.name().toLowerCase(java.util.Locale.ROOT)
                    + (row.agent != null ? " (accepted by " + row.agent + ")" : "") + ".");
        }
        var ahead = em.createQuery("select c from CallbackRequest c where c.state = :s"
                + " and c.channelInstance = :i and " + (row.queue == null ? "c.queue is null" : "c.queue = :q")
                + " order by c.queuedAt, c.id", CallbackRequestRow.class)
                .setParameter("s", CallbackRequestRow.State.WAITING).setParameter("i", row.channelInstance)
                .setMaxResults(1);
        if (row.queue != null) {
            ahead.setParameter("q", row.queue);
        }
        CallbackRequestRow first = ahead.getResultStream().findFirst().orElse(row);
        if (!Objects.equals(first.id, row.id)) {
            throw new IllegalStateException("Callback request " + first.id + " is ahead of " + id + " in its queue;"
                    + " accept that one first.");
        }
        row.state = CallbackRequestRow.State.CALLING;
        row.agent = agent;
        row.detail = null;
        row.updatedAt = now;
        return view(row);
    }

    static CallbackRequest finish(EntityManager em, long id, String outboundCall, String callState, String detail,
            Instant now) {
        CallbackRequestRow row = em.find(CallbackRequestRow.class, id);
        if (row == null) {
            throw new NoSuchElementException("There is no callback request " + id + ".");
        }
        if (row.state != CallbackRequestRow.State.CALLING) {
            throw new IllegalStateException("Callback request " + id + " is not being called.");
        }
        row.outboundCall = outboundCall;
        row.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        row.updatedAt = now;
        switch (callState) {
            case "PLACED" -> row.state = CallbackRequestRow.State.CALLED;
            case "UNKNOWN" -> row.state = CallbackRequestRow.State.UNKNOWN;
            default -> {
                // Refused: the caller is back in the place they had.
                row.state = CallbackRequestRow.State.WAITING;
                row.agent = null;
            }
        }
        return view(row);
    }

    private static CallbackRequestRow find(EntityManager em, String instance, String callId) {
        return em.createQuery("select c from CallbackRequest c where c.channelInstance = :i and c.callId = :c",
                CallbackRequestRow.class).setParameter("i", instance).setParameter("c", callId)
                .getResultStream().findFirst().orElse(null);
    }

    private static CallbackRequest view(CallbackRequestRow r) {
        return new CallbackRequest(r.id, r.channelInstance, r.callId, r.ticketId, r.customerAddress, r.queue,
                r.queuedAt, r.state.name(), r.agent, r.outboundCall, r.detail);
    }
}
