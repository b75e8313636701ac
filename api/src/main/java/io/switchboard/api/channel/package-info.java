/**
 * The channel SPI: what a connector implements and what the core gives it.
 *
 * <p>A connector bundle registers one {@link io.switchboard.api.channel.ChannelType} service (the
 * long-lived factory) and describes its configuration with a Metatype object class whose factory PID
 * is {@link io.switchboard.api.channel.ChannelType#configurationPid(String)}. For every factory
 * configuration an admin creates, the core calls
 * {@link io.switchboard.api.channel.ChannelType#create(ChannelContext)} and gets a
 * {@link io.switchboard.api.channel.ChannelInstance} back.
 *
 * <p>The core owns the HTTP route {@code /hooks/{instanceId}/...}, the threads, the transactions and
 * the outbox. An instance only translates: provider requests into {@link
 * io.switchboard.api.channel.ChannelEvent events} ({@link
 * io.switchboard.api.channel.ChannelInstance#receive}), and outbound messages into provider calls
 * ({@link io.switchboard.api.channel.ChannelInstance#send}). See {@code docs/connector-guide.md}.
 */
@Export
@Version("1.2.0")
package io.switchboard.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
