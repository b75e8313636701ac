package io.switchboard.store.internal;

import io.switchboard.store.entity.InboundEventRow;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by the kill test: stores inbound events one transaction at a time and prints
 * "ack N" only after event N's transaction has committed, the way a webhook is acknowledged only
 * after its events are stored. It never stops by itself; the test kills it.
 */
public final class AcknowledgingWriter {
    private AcknowledgingWriter() {
    }

    public static void main(String[] args) {
        HibernateStore store = new HibernateStore(StoreSettings.embedded(Path.of(args[0])));
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; ; n++) {
            InboundEventRow event = new InboundEventRow();
            event.channelInstance = "kill-test";
            event.eventId = "evt-" + n;
            event.receivedAt = Instant.now();
            store.run(em -> em.persist(event));
            System.out.println("ack " + n);
            System.out.flush();
        }
    }
}
