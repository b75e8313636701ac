package io.switchboard.benchmarks;

import java.net.URI;

/**
 * Where the load generator posts messages, and the secret they are signed with.
 *
 * @param messagesUrl the {@code /hooks/{instanceId}/messages} URL
 * @param secret      the channel instance's shared secret
 */
record HookEndpoint(URI messagesUrl, String secret) {
}
