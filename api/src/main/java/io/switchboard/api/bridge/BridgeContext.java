package io.switchboard.api.bridge;

import io.switchboard.api.channel.Health;
import io.switchboard.api.model.TicketStatus;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the core gives one bridge instance. Valid until the instance is disposed; afterwards every
 * method throws {@link IllegalStateException}.
 *
 * <p>The three methods that bring the product's events in ({@link #reply}, {@link #note}, {@link
 * #changeStatus}) each take the product's own id for the event. The core stores the event, the
 * reference of what it created and the fact that the event was seen in one transaction: the same
 * event offered twice has effect once, and the change it causes is recognisably the product's own.
 */
@ProviderType
public interface BridgeContext {

    String instanceId();

    /** The configuration, validated against the type's Metatype; secrets included. */
    Map<String, Object> configuration();

    /**
     * The core's scheduler, for polling the product. Tasks still queued when the instance is disposed
     * are cancelled; bridges must not start threads of their own.
     */
    ScheduledExecutorService scheduler();

    /** The latest report is what {@code /health} shows for the instance. */
    void reportHealth(Health health);

    ModelView model();

    ExternalRefs refs();

    /** A small durable value of the bridge's own, such as its cursor in the product's event feed. */
    Optional<String> state(String key);

    void saveState(String key, String value);

    /**
     * An agent's reply written in the product: it goes out through the ticket's conversation, like a
     * reply from the REST API, and is recorded with the reference {@code (ENTRY, entry, externalId)}.
     *
     * @return the new timeline entry's id, or the existing one's when this event was already taken
     * @throws java.util.NoSuchElementException if the ticket does not exist
     */
    long reply(long ticketId, String author, String text, String externalId);

    /** An internal comment written in the product, recorded like {@link #reply} but never sent. */
    long note(long ticketId, String author, String text, String externalId);

    /**
     * A status change made in the product. The ticket's reference is updated to the resulting version
     * in the same transaction, so the change is not mirrored back.
     *
     * @param eventId the product's id for this event, for de-duplication
     */
    void changeStatus(long ticketId, TicketStatus status, String actor, String eventId);
}
