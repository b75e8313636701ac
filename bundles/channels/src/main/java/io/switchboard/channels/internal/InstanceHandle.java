package io.switchboard.channels.internal;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.channel.ChannelEvent;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.channel.OutboundCall;
import io.switchboard.api.channel.OutboundMessage;
import io.switchboard.api.channel.SendResult;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Attachment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running channel instance, guarded: every call into the connector holds the read lock, and
 * {@link #dispose()} takes the write lock, so an instance is never disposed under a request in flight
 * and never called after it is disposed. What the connector throws is logged and turned into health.
 */
final class InstanceHandle {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceHandle.class);
    private static final long DISPOSE_WAIT_SECONDS = 30;
    static final long DEFAULT_MEDIA_SIZE_LIMIT = 20L * 1024 * 1024;

    final String id;
    final String type;
    final String pid;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Context context;
    private volatile ChannelInstance instance;
    private volatile boolean disposed;

    InstanceHandle(String id, String type, String pid, Map<String, Object> configuration,
            Consumer<List<ChannelEvent>> sink) {
        this(id, type, pid, configuration, sink, DEFAULT_MEDIA_SIZE_LIMIT);
    }

    /** @param mediaSizeLimit the most bytes of one attachment the core keeps, told to the connector */
    InstanceHandle(String id, String type, String pid, Map<String, Object> configuration,
            Consumer<List<ChannelEvent>> sink, long mediaSizeLimit) {
        this(id, type, pid, configuration, sink, mediaSizeLimit, AgentDirectory.NONE);
    }

    /** @param agents the agents who take calls, as the connector sees them */
    InstanceHandle(String id, String type, String pid, Map<String, Object> configuration,
            Consumer<List<ChannelEvent>> sink, long mediaSizeLimit, AgentDirectory agents) {
        this.id = id;
        this.type = type;
        this.pid = pid;
        this.context = new Context(id, configuration, sink, mediaSizeLimit, agents);
    }

    /** Where the connector's {@link io.switchboard.api.channel.ChannelContext#availableAgents} come from. */
    interface AgentDirectory {
        AgentDirectory NONE = new AgentDirectory() {
            @Override
            public List<AgentContact> available() {
                return List.of();
            }

            @Override
            public void offered(String agentName) {
            }

            @Override
            public void released(String agentName) {
            }
        };

        List<AgentContact> available();

        void offered(String agentName);

        void released(String agentName);
    }

    Context context() {
        return context;
    }

    void start(ChannelInstance created) {
        this.instance = created;
    }

    Health health() {
        return context.health;
    }

    /** Empty when the instance is gone or going. */
    Optional<InboundResult> receive(WebhookRequest request) {
        if (!lock.readLock().tryLock()) {
            return Optional.empty();
        }
        try {
            if (disposed || instance == null) {
                return Optional.empty();
            }
            InboundResult result = instance.receive(request);
            if (result == null) {
                throw new IllegalStateException("receive returned null");
            }
            return Optional.of(result);
        } catch (RuntimeException | LinkageError e) {
            failed("receive", e);
            throw new ConnectorFailure(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Empty when the instance is gone or going; a throwing connector becomes a retryable result. */
    Optional<SendResult> send(OutboundMessage message) {
        if (!lock.readLock().tryLock()) {
            return Optional.empty();
        }
        try {
            if (disposed || instance == null) {
                return Optional.empty();
            }
            SendResult result = instance.send(message);
            return Optional.of(result != null ? result : SendResult.retry("the connector returned no result"));
        } catch (RuntimeException | LinkageError e) {
            failed("send", e);
            return Optional.of(SendResult.retry("connector error: " + e));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Empty when the instance is gone or going, so the call was not offered. A throwing connector
     * becomes a {@link ConnectorFailure}: the call may or may not have been placed.
     */
    Optional<SendResult> startCall(OutboundCall call) {
        if (!lock.readLock().tryLock()) {
            return Optional.empty();
        }
        try {
            if (disposed || instance == null) {
                return Optional.empty();
            }
            SendResult result = instance.startCall(call);
            if (result == null) {
                throw new IllegalStateException("startCall returned null");
            }
            return Optional.of(result);
        } catch (RuntimeException | LinkageError e) {
            failed("startCall", e);
            throw new ConnectorFailure(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Empty when the instance is gone or going; a throwing connector becomes a retryable result. */
    Optional<MediaResult> fetchMedia(Attachment attachment) {
        if (!lock.readLock().tryLock()) {
            return Optional.empty();
        }
        try {
            if (disposed || instance == null) {
                return Optional.empty();
            }
            MediaResult result = instance.fetchMedia(attachment);
            return Optional.of(result != null ? result : MediaResult.retry("the connector returned no result"));
        } catch (RuntimeException | LinkageError e) {
            failed("fetchMedia", e);
            return Optional.of(MediaResult.retry("connector error: " + e));
        } finally {
            lock.readLock().unlock();
        }
    }

    void dispose() {
        disposed = true;
        boolean locked = false;
        try {
            locked = lock.writeLock().tryLock(DISPOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!locked) {
                LOG.warn("Channel instance {}: calls still running after {} s; disposing anyway", id, DISPOSE_WAIT_SECONDS);
            }
            if (instance != null) {
                instance.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Channel instance {}: dispose failed", id, e);
        } finally {
            context.close();
            if (locked) {
                lock.writeLock().unlock();
            }
        }
    }

    private void failed(String call, Throwable e) {
        LOG.error("Channel instance {} ({}): {} failed", id, type, call, e);
        context.health = Health.degraded(Health.Reason.INTERNAL_ERROR, "the connector failed in " + call + ": " + e);
    }

    /** A connector threw where it should have returned. */
    static final class ConnectorFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectorFailure(Throwable cause) {
            super(cause);
        }
    }

    /** The context handed to the connector; dead once the instance is disposed. */
    static final class Context implements io.switchboard.api.channel.ChannelContext {
        private final String instanceId;
        private final Map<String, Object> configuration;
        private final Consumer<List<ChannelEvent>> sink;
        private final long mediaSizeLimit;
        private final AgentDirectory agents;
        private volatile Health health = Health.starting();
        private volatile boolean closed;
        private ScheduledThreadPoolExecutor scheduler;

        Context(String instanceId, Map<String, Object> configuration, Consumer<List<ChannelEvent>> sink,
                long mediaSizeLimit, AgentDirectory agents) {
            this.instanceId = instanceId;
            this.configuration = Map.copyOf(configuration);
            this.sink = sink;
            this.mediaSizeLimit = mediaSizeLimit;
            this.agents = agents;
        }

        @Override
        public List<AgentContact> availableAgents() {
            ensureOpen();
            return agents.available();
        }

        @Override
        public void agentOffered(String agentName) {
            ensureOpen();
            agents.offered(java.util.Objects.requireNonNull(agentName, "agentName"));
        }

        @Override
        public void agentReleased(String agentName) {
            ensureOpen();
            agents.released(java.util.Objects.requireNonNull(agentName, "agentName"));
        }

        @Override
        public long mediaSizeLimit() {
            return mediaSizeLimit;
        }

        @Override
        public String instanceId() {
            return instanceId;
        }

        @Override
        public Map<String, Object> configuration() {
            return configuration;
        }

        @Override
        public synchronized ScheduledExecutorService scheduler() {
            ensureOpen();
            if (scheduler == null) {
                scheduler = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread thread = new Thread(r, "switchboard-channel-" + instanceId);
                    thread.setDaemon(true);
                    return thread;
                });
                scheduler.setRemoveOnCancelPolicy(true);
            }
            return scheduler;
        }

        @Override
        public void reportHealth(Health health) {
            ensureOpen();
            this.health = java.util.Objects.requireNonNull(health, "health");
        }

        @Override
        public void ingest(List<ChannelEvent> events) {
            ensureOpen();
            sink.accept(events);
        }

        void setHealth(Health health) {
            this.health = health;
        }

        synchronized void close() {
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("channel instance " + instanceId + " was disposed");
            }
        }
    }
}
