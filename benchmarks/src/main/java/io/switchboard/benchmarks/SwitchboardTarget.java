package io.switchboard.benchmarks;

import io.switchboard.it.SwitchboardProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The assembled distribution as a separate process on a fresh home, with one channel instance created
 * over REST, as an admin would set it up.
 */
final class SwitchboardTarget implements Target {
    private static final Duration READY = Duration.ofSeconds(60);

    private final SwitchboardProcess process;
    private final AdminApi api;
    private final SwitchboardChannel channel;

    private SwitchboardTarget(SwitchboardProcess process, AdminApi api, SwitchboardChannel channel) {
        this.process = process;
        this.api = api;
        this.channel = channel;
    }

    /** Starts Switchboard with {@code systemProperties} (the database) and sets the channel up. */
    static SwitchboardTarget start(Map<String, String> systemProperties, SwitchboardChannel channel) {
        SwitchboardProcess.Builder builder = SwitchboardProcess.builder();
        systemProperties.forEach(builder::systemProperty);
        SwitchboardProcess process = builder.start();
        try {
            process.awaitHttp("/health", 200, READY);
            channel.connector().ifPresent(jar -> process.deploy(jar, channel.type() + ".jar"));
            SwitchboardTarget target = new SwitchboardTarget(process, AdminApi.connect(process, READY), channel);
            target.api.awaitChannelType(channel.type(), READY);
            target.api.createInstance(channel.instance(), channel.type(), channel.configuration(), READY);
            return target;
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return channel.targetName();
    }

    /** Its JIT compilation takes about two minutes of this load on two cores. */
    static final Duration MINIMUM_WARMUP = Duration.ofSeconds(120);

    @Override
    public Duration minimumWarmup() {
        return MINIMUM_WARMUP;
    }

    @Override
    public HookEndpoint endpoint() {
        return new HookEndpoint(process.uri("/hooks/" + channel.instance() + channel.hookPath()), channel.messages());
    }

    /** Where the instance's hooks are reached: {@code http://127.0.0.1:<port>/hooks/<instance>}. */
    URI hookBase() {
        return process.uri("/hooks/" + channel.instance());
    }

    /** Tickets are counted in the database through the REST API; events through the channel's counters. */
    @Override
    public String verifyStored(long messages, long tickets) {
        return verifyStored(messages, messages, tickets, tickets);
    }

    /**
     * The same with bounds, for loads where a request may have timed out at the client after the target
     * stored it: at least what was acknowledged, at most what was sent.
     */
    String verifyStored(long minMessages, long maxMessages, long minTickets, long maxTickets) {
        String instance = channel.instance();
        long ticketCount = api.ticketCount(instance);
        if (ticketCount < minTickets || ticketCount > maxTickets) {
            throw new IllegalStateException("Expected " + range(minTickets, maxTickets) + " tickets on the channel, found "
                    + ticketCount);
        }
        double accepted = api.metric("switchboard_inbound_events", "instance=\"" + instance + "\"", "outcome=\"accepted\"")
                .orElseThrow(() -> new IllegalStateException("No switchboard_inbound_events counter in /metrics"));
        if (accepted < minMessages || accepted > maxMessages) {
            throw new IllegalStateException("Acknowledged " + range(minMessages, maxMessages) + " events, but the channel"
                    + " counted " + (long) accepted + " as accepted");
        }
        return ticketCount + " tickets and " + (long) accepted + " accepted events";
    }

    private static String range(long min, long max) {
        return min == max ? Long.toString(min) : min + " to " + max;
    }

    @Override
    public void close() {
        process.close();
    }
}
