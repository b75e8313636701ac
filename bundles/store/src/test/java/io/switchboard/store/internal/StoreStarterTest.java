package io.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.store.entity.CustomerRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreStarterTest {
    private static final Duration QUICK_RETRY = Duration.ofMillis(10);

    @TempDir
    Path home;

    private final List<HibernateStore> published = new CopyOnWriteArrayList<>();
    private final List<HibernateStore> withdrawn = new CopyOnWriteArrayList<>();
    private final CountDownLatch publishedOnce = new CountDownLatch(1);

    private StoreStarter.Publication publish(HibernateStore store) {
        published.add(store);
        publishedOnce.countDown();
        return () -> withdrawn.add(store);
    }

    @Test
    void retriesUntilTheDatabaseCanBeOpenedThenPublishesOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Function<StoreSettings, HibernateStore> failingTwice = settings -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("Connection refused");
            }
            return new HibernateStore(settings);
        };
        StoreStarter starter = new StoreStarter(StoreSettings.embedded(home), failingTwice, this::publish, QUICK_RETRY);
        starter.start();
        assertTrue(publishedOnce.await(60, TimeUnit.SECONDS), "published");
        HibernateStore store = published.get(0);
        store.run(em -> em.persist(customer()));

        starter.stop();
        assertEquals(3, attempts.get());
        assertEquals(List.of(store), published);
        assertEquals(List.of(store), withdrawn);
        assertThrows(IllegalStateException.class, () -> store.run(em -> em.persist(customer())), "closed");
    }

    @Test
    void stopEndsTheRetriesAgainstAnUnreachableServer() throws Exception {
        CountDownLatch triedTwice = new CountDownLatch(2);
        Function<StoreSettings, HibernateStore> unreachable = settings -> {
            triedTwice.countDown();
            return new HibernateStore(settings);
        };
        // Nothing listens on port 1, so every attempt is refused.
        StoreSettings settings = new StoreSettings("jdbc:postgresql://127.0.0.1:1/switchboard", "postgres", null);
        StoreStarter starter = new StoreStarter(settings, unreachable, this::publish, QUICK_RETRY);
        starter.start();
        assertTrue(triedTwice.await(60, TimeUnit.SECONDS), "retried");

        starter.stop();
        assertEquals(List.of(), published);
    }

    @Test
    void stopDuringOpeningClosesTheStoreInsteadOfPublishingIt() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        HibernateStore[] opened = new HibernateStore[1];
        Function<StoreSettings, HibernateStore> slow = settings -> {
            opening.countDown();
            await(mayFinish);
            opened[0] = new HibernateStore(settings);
            return opened[0];
        };
        StoreStarter starter = new StoreStarter(StoreSettings.embedded(home), slow, this::publish, QUICK_RETRY);
        starter.start();
        assertTrue(opening.await(60, TimeUnit.SECONDS), "opening");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(starter::stop);
        assertFalse(stopping.isDone(), "stop waits for the opening under way");
        mayFinish.countDown();
        stopping.get(60, TimeUnit.SECONDS);

        assertEquals(List.of(), published);
        HibernateStore store = opened[0];
        assertThrows(IllegalStateException.class, () -> store.run(em -> em.persist(customer())), "closed");
        // The file was closed cleanly, so it can be opened again at once.
        HibernateStore again = new HibernateStore(StoreSettings.embedded(home));
        try {
            assertSame(null, again.transaction(em -> em.find(CustomerRow.class, 1L)));
        } finally {
            again.close();
        }
    }

    private static CustomerRow customer() {
        CustomerRow customer = new CustomerRow();
        customer.name = "Katherine Johnson";
        customer.createdAt = Instant.parse("2025-01-01T00:00:00Z");
        return customer;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
