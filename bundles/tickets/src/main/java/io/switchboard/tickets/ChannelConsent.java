package io.switchboard.tickets;

import io.switchboard.api.model.Address;
import java.time.Instant;

/**
 * Whether a customer's address accepts messages on one channel instance, and the keyword that
 * decided it (e.g. "STOP", or a provider's code such as "twilio:21610").
 */
public record ChannelConsent(String channelInstance, Address address, boolean optedIn, String keyword,
        Instant updatedAt) {
}
