package io.switchboard.connector.voicetwilio.internal;

import io.switchboard.api.channel.Capability;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ChannelKind;
import io.switchboard.api.channel.ChannelType;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.TwilioTransport;
import java.time.Clock;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio voice channel type: one instance per Twilio number an admin configures ({@link
 * VoiceTwilioConfiguration}).
 */
@Component(service = ChannelType.class)
public final class VoiceTwilioChannelType implements ChannelType {

    static final String TYPE_ID = "voice-twilio";
    /** {@code ChannelType.configurationPid(TYPE_ID)}, spelled out because annotations need a constant. */
    static final String CONFIGURATION_PID = "switchboard.channel.voice_twilio";

    private static final Logger LOG = LoggerFactory.getLogger(VoiceTwilioChannelType.class);
    private static final Set<Capability> CAPABILITIES = Set.of(Capability.VOICE, Capability.RECORDING,
            Capability.OUTBOUND_CALLS);

    private final Clock clock;

    public VoiceTwilioChannelType() {
        this(Clock.systemUTC());
    }

    /** @param clock decides business hours; tests fix it */
    VoiceTwilioChannelType(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String id() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "Voice (Twilio)";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.VOICE;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Validates and builds without calling Twilio; the number check runs on the core's scheduler. */
    @Override
    public ChannelInstance create(ChannelContext context) {
        VoiceSettings settings = VoiceSettings.from(context.configuration());
        TwilioTransport transport = TwilioTransport.create(settings.apiBaseUrl());
        HealthReporter health = new HealthReporter(context);
        VoiceTwilioChannel channel;
        try {
            channel = new VoiceTwilioChannel(context.instanceId(), settings, transport, health, clock,
                    context.mediaSizeLimit(), context);
            context.scheduler().execute(new NumberCheck(context, transport, settings, health));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        LOG.info("Channel {} answers calls to {} with {} menus{}", context.instanceId(), settings.phoneNumber(),
                settings.ivr().nodes().size(),
                settings.apiBaseUrl() == null ? "" : " (Twilio API at " + settings.apiBaseUrl() + ")");
        return channel;
    }
}
