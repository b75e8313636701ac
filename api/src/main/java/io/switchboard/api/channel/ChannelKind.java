package io.switchboard.api.channel;

/** The family a channel belongs to; agents' views and KPIs group by it. */
public enum ChannelKind { SMS, VOICE, CHAT, SOCIAL, EMAIL, API }
