package io.switchboard.api.model;

/**
 * One channel-level thread inside a ticket: which channel instance it runs on, the provider's thread
 * id, and the address the customer uses there (replies go back to it).
 */
public record Conversation(long id, String channelInstance, String channelType, String threadId,
        Address customerAddress) {
}
