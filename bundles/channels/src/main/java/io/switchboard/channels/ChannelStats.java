package io.switchboard.channels;

/** Counters of one channel instance since start, for {@code /metrics}. */
public record ChannelStats(String instance, String type, long inboundAccepted, long inboundDuplicates,
        long inboundRejected, long outboundSent, long outboundRetried, long outboundFailed,
        long outboxPending) {
}
