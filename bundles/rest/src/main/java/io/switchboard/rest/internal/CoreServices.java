package io.switchboard.rest.internal;

import io.switchboard.bridges.BridgeRuntime;
import io.switchboard.channels.ChannelRuntime;
import io.switchboard.rest.internal.problem.Problems;
import io.switchboard.store.Store;
import io.switchboard.tickets.TicketService;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The core services as they come and go. Each is optional: the API is up before them (so that health
 * can say "starting"), and a call that needs one that is missing answers 503 with Retry-After.
 */
public final class CoreServices {
    private final AtomicReference<Store> store = new AtomicReference<>();
    private final AtomicReference<TicketService> tickets = new AtomicReference<>();
    private final AtomicReference<ChannelRuntime> channels = new AtomicReference<>();
    private final AtomicReference<BridgeRuntime> bridges = new AtomicReference<>();

    public Store store() {
        return require(store.get(), "The store");
    }

    public TicketService tickets() {
        return require(tickets.get(), "The ticket service");
    }

    public ChannelRuntime channels() {
        return require(channels.get(), "The channel runtime");
    }

    public Optional<Store> currentStore() {
        return Optional.ofNullable(store.get());
    }

    public Optional<TicketService> currentTickets() {
        return Optional.ofNullable(tickets.get());
    }

    public Optional<ChannelRuntime> currentChannels() {
        return Optional.ofNullable(channels.get());
    }

    /** Bridges are optional: without the bridge runtime there are simply none. */
    public Optional<BridgeRuntime> currentBridges() {
        return Optional.ofNullable(bridges.get());
    }

    public boolean allPresent() {
        return store.get() != null && tickets.get() != null && channels.get() != null;
    }

    public void setStore(Store service) {
        store.set(service);
    }

    /** Forgets {@code service} unless another one has replaced it meanwhile. */
    public void clearStore(Store service) {
        store.compareAndSet(service, null);
    }

    public void setTickets(TicketService service) {
        tickets.set(service);
    }

    public void clearTickets(TicketService service) {
        tickets.compareAndSet(service, null);
    }

    public void setChannels(ChannelRuntime service) {
        channels.set(service);
    }

    public void clearChannels(ChannelRuntime service) {
        channels.compareAndSet(service, null);
    }

    public void setBridges(BridgeRuntime service) {
        bridges.set(service);
    }

    public void clearBridges(BridgeRuntime service) {
        bridges.compareAndSet(service, null);
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw Problems.unavailable(what);
        }
        return service;
    }
}
