package io.switchboard.channels.internal;

import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.store.Store;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.ConsentRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.OutboxRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued replies through their channel instance: each instance gets one message at a time, in
 * the order they became due, on a sender thread of its own while it sends, so a connector that hangs
 * holds up only its own channel. The outcome is recorded in its own transaction; retryable failures
 * come back with exponential back-off and give up after {@code maxAttempts}. A message whose instance is not running (its connector is
 * being updated) waits without losing an attempt; one whose instance was deleted fails, saying so.
 */
final class Outbox implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 50;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final Supplier<Store> store;
    private final Function<String, Optional<InstanceHandle>> instances;
    private final Predicate<String> configured;
    private final Stats stats;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Executor senders;
    /** Instances with a send in flight. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    Outbox(Supplier<Store> store, Function<String, Optional<InstanceHandle>> instances,
            Predicate<String> configured, Stats stats, int maxAttempts, Duration initialBackoff, Executor senders) {
        this.store = store;
        this.instances = instances;
        this.configured = configured;
        this.stats = stats;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.senders = senders;
    }

    @Override
    public void run() {
        Store current = store.get();
        if (current == null) {
            return;
        }
        try {
            List<OutboxRow> due = current.transaction(em -> em.createQuery(
                            "select o from Outbox o where o.state = :s and o.nextAttemptAt <= :now order by o.nextAttemptAt, o.createdAt",
                            OutboxRow.class)
                    .setParameter("s", OutboxRow.State.PENDING).setParameter("now", now())
                    .setMaxResults(BATCH).getResultList());
            for (OutboxRow row : due) {
                if (busy.add(row.channelInstance)) {
                    senders.execute(() -> deliverGuarded(current, row));
                }
            }
        } catch (RuntimeException e) {
            // The next run tries again; nothing is lost because nothing was marked.
            LOG.warn("Outbox run failed: {}", e.toString());
        }
    }

    /** A message ready to send, or the reason it must not be sent. */
    private record Prepared(OutboundMessage message, String blocked) {
    }

    private void deliverGuarded(Store store, OutboxRow row) {
        try {
            deliver(store, row);
        } catch (RuntimeException e) {
            LOG.warn("Reply {} on {} could not be delivered now: {}", row.id, row.channelInstance, e.toString());
        } finally {
            busy.remove(row.channelInstance);
        }
    }

    private void deliver(Store store, OutboxRow row) {
        Optional<InstanceHandle> handle = instances.apply(row.channelInstance);
        if (handle.isEmpty()) {
            if (!configured.test(row.channelInstance)) {
                finish(store, row.id, SendResult.failed("channel instance " + row.channelInstance + " no longer exists"),
                        false);
            }
            return;
        }
        Optional<Prepared> prepared = store.transaction(em -> {
            OutboxRow current = em.find(OutboxRow.class, row.id);
            if (current.state != OutboxRow.State.PENDING || current.nextAttemptAt.isAfter(now())) {
                // Finished or rescheduled by the send that ran since this row was read.
                return Optional.<Prepared>empty();
            }
            EntryRow entry = em.find(EntryRow.class, row.entryId);
            ConversationRow conversation = em.find(ConversationRow.class, entry.conversationId);
            Optional<ConsentRow> optedOut = em.createQuery("select c from Consent c where c.channelInstance = :i"
                            + " and c.addressKind = :k and c.address = :a and c.optedIn = false", ConsentRow.class)
                    .setParameter("i", row.channelInstance).setParameter("k", conversation.addressKind)
                    .setParameter("a", conversation.address).getResultStream().findFirst();
            if (optedOut.isPresent()) {
                return Optional.of(new Prepared(null, "the customer opted out of messages on this channel ("
                        + optedOut.get().keyword + "); they must opt in again, e.g. by texting START"));
            }
            List<Attachment> attachments = em.createQuery("select a from Attachment a where a.entryId = :e order by a.id",
                            AttachmentRow.class).setParameter("e", entry.id).getResultStream()
                    .map(a -> new Attachment(a.url, a.contentType, a.fileName, a.size)).toList();
            return Optional.of(new Prepared(new OutboundMessage(row.id, entry.ticketId, conversation.threadId,
                    new Address(conversation.addressKind, conversation.address), entry.author, entry.text,
                    attachments, current.attempts + 1), null));
        });
        if (prepared.isEmpty()) {
            return;
        }
        if (prepared.get().blocked() != null) {
            finish(store, row.id, SendResult.failed(prepared.get().blocked()), false);
            return;
        }
        handle.get().send(prepared.get().message()).ifPresent(result -> finish(store, row.id, result, true));
    }

    /**
     * Records how a send ended. A provider's delivery report may change the same message meanwhile; the
     * entry's version makes one of the two transactions run again instead of overwriting the other.
     */
    private void finish(Store store, String outboxId, SendResult result, boolean attempted) {
        Optional<Map.Entry<String, Stats.Counter>> counted = store.transactionRetryingConflicts(em -> {
            OutboxRow row = em.find(OutboxRow.class, outboxId);
            if (row == null || row.state != OutboxRow.State.PENDING) {
                return Optional.empty();
            }
            EntryRow entry = em.find(EntryRow.class, row.entryId);
            Instant now = now();
            row.updatedAt = now;
            if (attempted) {
                row.attempts++;
            }
            if (result instanceof SendResult.Sent sent) {
                row.state = OutboxRow.State.SENT;
                row.lastError = null;
                if (DeliveryStatus.SENT.isAfter(entry.deliveryStatus)) {
                    entry.deliveryStatus = DeliveryStatus.SENT;
                }
                if (entry.providerMessageId == null) {
                    entry.providerMessageId = sent.providerMessageId();
                }
                return Optional.of(Map.entry(row.channelInstance, Stats.Counter.OUTBOUND_SENT));
            } else if (result instanceof SendResult.Retry retry && row.attempts < maxAttempts) {
                row.lastError = truncate(retry.reason());
                row.nextAttemptAt = now.plus(retry.after() != null ? retry.after() : backoff(row.attempts));
                LOG.info("Reply {} on {}: attempt {} failed ({}); retrying at {}", row.id, row.channelInstance,
                        row.attempts, retry.reason(), row.nextAttemptAt);
                return Optional.of(Map.entry(row.channelInstance, Stats.Counter.OUTBOUND_RETRIED));
            } else {
                String reason = result instanceof SendResult.Failed failed ? failed.reason()
                        : "gave up after " + row.attempts + " attempts: " + ((SendResult.Retry) result).reason();
                row.state = OutboxRow.State.FAILED;
                row.lastError = truncate(reason);
                entry.deliveryStatus = DeliveryStatus.FAILED;
                entry.failureReason = truncate(reason);
                LOG.warn("Reply {} on {} failed: {}", row.id, row.channelInstance, reason);
                return Optional.of(Map.entry(row.channelInstance, Stats.Counter.OUTBOUND_FAILED));
            }
        });
        // Counted once the outcome is committed, so that a transaction run again is not counted twice.
        counted.ifPresent(c -> stats.add(c.getKey(), c.getValue(), 1));
    }

    /** initial × 2^(attempt-1), capped, with ±20 % jitter so that many retries do not move in step. */
    private Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        millis = Math.min(millis, MAX_BACKOFF.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    private static String truncate(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
