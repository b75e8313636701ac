package io.switchboard.benchmarks;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where the load generator posts messages, and how they are signed.
 *
 * @param messagesUrl the URL of the channel instance's hook for customer messages
 * @param messages    a new signer for each sending thread
 */
record HookEndpoint(URI messagesUrl, Supplier<WebhookMessages> messages) {
}
