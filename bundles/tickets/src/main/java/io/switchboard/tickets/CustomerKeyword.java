package io.switchboard.tickets;

import io.switchboard.api.model.Address;
import java.time.Instant;

/** A keyword a customer sent on a channel instance: STOP, START, HELP, or a provider's opt-out code. */
public record CustomerKeyword(String channelInstance, Address address, String keyword, Instant receivedAt) {
}
