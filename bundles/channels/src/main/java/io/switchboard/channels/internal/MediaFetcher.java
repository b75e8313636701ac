package io.switchboard.channels.internal;

import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.model.Attachment;
import io.switchboard.store.Store;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.MediaRow;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
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
 * Fetches the content of pending attachments through their channel instance and keeps it in the
 * store, content-addressed by SHA-256 so identical media are kept once. Like the outbox: each
 * instance works through its due attachments one at a time, on a fetcher thread of its own, so a
 * slow provider holds up only its own channel; every outcome is recorded in its own transaction;
 * retryable failures come back with exponential back-off and give up after {@code maxAttempts}. An
 * attachment whose instance is not running waits without losing an attempt; one whose instance was
 * deleted fails, saying so. Everything is in the database, so a restart picks up where it was.
 */
final class MediaFetcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFetcher.class);
    private static final int BATCH = 50;
    /** How many attachments one instance's fetcher handles before it lets the next run pick up again. */
    private static final int PER_RUN = 100;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int MAX_REASON = 2000;

    private final Supplier<Store> store;
    private final Function<String, Optional<InstanceHandle>> instances;
    private final Predicate<String> configured;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final long maxBytes;
    private final Executor fetchers;
    private final Clock clock;
    /** Instances with a fetcher at work. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    MediaFetcher(Supplier<Store> store, Function<String, Optional<InstanceHandle>> instances,
            Predicate<String> configured, int maxAttempts, Duration initialBackoff, long maxBytes, Executor fetchers,
            Clock clock) {
        this.store = store;
        this.instances = instances;
        this.configured = configured;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBytes = maxBytes;
        this.fetchers = fetchers;
        this.clock = clock;
    }

    @Override
    public void run() {
        Store current = store.get();
        if (current == null) {
            return;
        }
        try {
            List<String> instancesWithWork = current.transaction(em -> em.createQuery(
                            "select distinct c.channelInstance from Attachment a, Entry e, Conversation c"
                                    + " where a.status = :s and a.nextAttemptAt <= :now"
                                    + " and e.id = a.entryId and c.id = e.conversationId", String.class)
                    .setParameter("s", AttachmentRow.Status.PENDING).setParameter("now", now())
                    .setMaxResults(BATCH).getResultList());
            for (String instance : instancesWithWork) {
                if (busy.add(instance)) {
                    fetchers.execute(() -> workThrough(current, instance));
                }
            }
        } catch (RuntimeException e) {
            // The next run tries again; nothing is lost because nothing was marked.
            LOG.warn("Media fetcher run failed: {}", e.toString());
        }
    }

    private void workThrough(Store store, String instance) {
        try {
            for (int i = 0; i < PER_RUN; i++) {
                Optional<Long> next = store.transaction(em -> em.createQuery(
                                "select a.id from Attachment a, Entry e, Conversation c"
                                        + " where a.status = :s and a.nextAttemptAt <= :now and e.id = a.entryId"
                                        + " and c.id = e.conversationId and c.channelInstance = :i"
                                        + " order by a.nextAttemptAt, a.id", Long.class)
                        .setParameter("s", AttachmentRow.Status.PENDING).setParameter("now", now())
                        .setParameter("i", instance).setMaxResults(1).getResultStream().findFirst());
                if (next.isEmpty() || !fetch(store, next.get(), instance)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Media of channel instance {} could not be fetched now: {}", instance, e.toString());
        } finally {
            busy.remove(instance);
        }
    }

    /** Fetches one attachment; false when its instance cannot fetch now, so the rest wait too. */
    private boolean fetch(Store store, long attachmentId, String instance) {
        Optional<InstanceHandle> handle = instances.apply(instance);
        if (handle.isEmpty()) {
            if (!configured.test(instance)) {
                record(store, attachmentId, MediaResult.failed("channel instance " + instance + " no longer exists"),
                        false);
                return true;
            }
            return false;
        }
        Optional<Attachment> attachment = store.transaction(em -> {
            AttachmentRow row = em.find(AttachmentRow.class, attachmentId);
            if (row == null || row.status != AttachmentRow.Status.PENDING || row.nextAttemptAt.isAfter(now())) {
                return Optional.<Attachment>empty();
            }
            return Optional.of(new Attachment(row.url, row.contentType, row.fileName, row.size));
        });
        if (attachment.isEmpty()) {
            return true;
        }
        Optional<MediaResult> result = handle.get().fetchMedia(attachment.get());
        if (result.isEmpty()) {
            return false;
        }
        record(store, attachmentId, result.get(), true);
        return true;
    }

    private void record(Store store, long attachmentId, MediaResult result, boolean attempted) {
        if (result instanceof MediaResult.Fetched fetched) {
            if (fetched.content().length > maxBytes) {
                record(store, attachmentId, MediaResult.failed("too large: " + fetched.content().length
                        + " bytes, more than the " + maxBytes + " bytes kept per attachment"), attempted);
                return;
            }
            storeContent(store, attachmentId, fetched, attempted);
            return;
        }
        store.transactionRetryingConflicts(em -> {
            AttachmentRow row = em.find(AttachmentRow.class, attachmentId);
            if (row == null || row.status != AttachmentRow.Status.PENDING) {
                return null;
            }
            if (attempted) {
                row.attempts++;
            }
            if (result instanceof MediaResult.KeepReference) {
                row.status = AttachmentRow.Status.REFERENCED;
                row.nextAttemptAt = null;
                row.lastError = null;
            } else if (result instanceof MediaResult.Retry retry && row.attempts < maxAttempts) {
                row.lastError = truncate(retry.detail());
                row.nextAttemptAt = now().plus(backoff(row.attempts));
                LOG.info("Attachment {}: attempt {} failed ({}); retrying at {}", row.id, row.attempts,
                        retry.detail(), row.nextAttemptAt);
            } else {
                String reason = result instanceof MediaResult.Failed failed ? failed.detail()
                        : result instanceof MediaResult.Retry retry
                                ? "gave up after " + row.attempts + " attempts: " + retry.detail()
                                : "the connector answered with an unknown result: " + result;
                row.status = AttachmentRow.Status.FAILED;
                row.nextAttemptAt = null;
                row.lastError = truncate(reason.isBlank() ? "failed" : reason);
                LOG.warn("Attachment {} could not be fetched: {}", row.id, row.lastError);
            }
            return null;
        });
    }

    private void storeContent(Store store, long attachmentId, MediaResult.Fetched fetched, boolean attempted) {
        byte[] content = fetched.content();
        String sha256 = sha256(content);
        Instant now = now();
        // A concurrent fetch of the same content inserts the same media row: the loser runs again and finds it.
        store.transactionRetryingConflicts(em -> {
            AttachmentRow row = em.find(AttachmentRow.class, attachmentId);
            if (row == null || row.status != AttachmentRow.Status.PENDING) {
                return null;
            }
            String contentType = fetched.contentType() != null ? fetched.contentType() : row.contentType;
            long known = em.createQuery("select count(m) from Media m where m.sha256 = :h", Long.class)
                    .setParameter("h", sha256).getSingleResult();
            if (known == 0) {
                MediaRow media = new MediaRow();
                media.sha256 = sha256;
                media.contentType = contentType;
                media.size = content.length;
                media.content = content;
                media.createdAt = now;
                em.persist(media);
            }
            if (attempted) {
                row.attempts++;
            }
            row.status = AttachmentRow.Status.STORED;
            row.mediaSha256 = sha256;
            row.size = content.length;
            row.contentType = contentType;
            row.nextAttemptAt = null;
            row.lastError = null;
            return null;
        });
    }

    /** initial × 2^(attempt-1), capped, with ±20 % jitter so that many retries do not move in step. */
    private Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        millis = Math.min(millis, MAX_BACKOFF.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String truncate(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
