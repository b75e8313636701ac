package io.switchboard.api.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the core gives one channel instance. The context is valid until the instance is disposed;
 * afterwards {@link #ingest}, {@link #reportHealth} and {@link #scheduler} throw {@link
 * IllegalStateException}.
 */
@ProviderType
public interface ChannelContext {

    /** The instance id: the last segment of its hook URL {@code /hooks/{instanceId}/}. */
    String instanceId();

    /**
     * The instance configuration, as validated against the type's Metatype: values are Strings,
     * Integers, Longs, Booleans, or arrays of them. Secrets are included.
     */
    Map<String, Object> configuration();

    /**
     * The core's scheduler, for checks and polling. Tasks still queued when the instance is disposed
     * are cancelled; connectors must not start threads of their own.
     */
    ScheduledExecutorService scheduler();

    /** Reports the instance's health; the latest report is what {@code /health} shows. */
    void reportHealth(Health health);

    /**
     * Stores events that did not arrive through a webhook (e.g. over a chat connection), in one
     * transaction, de-duplicated like webhook events. Returns once they are durably stored; if it
     * throws, nothing was stored: {@link IllegalArgumentException} for events the core refuses (an
     * address it cannot normalise, a message without text or attachments), {@link
     * IllegalStateException} while the instance is not running, any other exception when storing
     * failed and may be retried.
     */
    void ingest(List<ChannelEvent> events);

    /**
     * The most bytes of one attachment the core stores (20 MB unless the admin set another limit):
     * {@link ChannelInstance#fetchMedia} should stop reading content larger than this and report it
     * as {@link MediaResult.Failed}.
     *
     * @since 1.2
     */
    default long mediaSizeLimit() {
        return 20L * 1024 * 1024;
    }

    /**
     * The agents who take calls now, the one idle the longest first: the order in which a queue should
     * offer its next call. Agents set their availability through the REST API; a connector reads it
     * when a caller is waiting, and calls {@link #agentOffered} for the agent it rings. Reads the
     * database: call it from a webhook or a scheduled task, not in a tight loop.
     *
     * @since 1.2
     */
    default List<AgentContact> availableAgents() {
        return List.of();
    }

    /**
     * Records that a call was just offered to (rung at) the agent. The agent is then on that call and
     * left out of {@link #availableAgents()} until {@link #agentReleased}, and comes back last in the
     * order. Unknown names are ignored.
     *
     * @since 1.2
     */
    default void agentOffered(String agentName) {
    }

    /**
     * Records that the agent's part in the call offered to them is over: they answered and hung up,
     * did not answer, were busy, or the caller left first. Call it for every call offered, whatever
     * became of it; an agent never released counts as on the call for two hours. Unknown names are
     * ignored.
     *
     * @since 1.2
     */
    default void agentReleased(String agentName) {
    }
}
