package io.switchboard.connector.voicetwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import io.switchboard.connector.twilio.AccountCheck;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.TwilioExchange;
import io.switchboard.connector.twilio.TwilioTransport;

/**
 * Looks the number up at Twilio, which also proves the credentials, and checks that its calls come to
 * this instance. Only an admin changes the number's voice URL: it is left as it is.
 */
final class NumberCheck extends AccountCheck {

    private final VoiceSettings settings;

    NumberCheck(ChannelContext context, TwilioTransport transport, VoiceSettings settings, HealthReporter health) {
        super(context, transport, settings, health, "number");
        this.settings = settings;
    }

    @Override
    protected Health lookUp(TwilioExchange exchange) {
        IncomingPhoneNumber number = incomingNumber(exchange, settings.phoneNumber());
        if (number == null) {
            return notANumberOfTheAccount(settings.phoneNumber());
        }
        return voiceWebhook(number);
    }

    private Health voiceWebhook(IncomingPhoneNumber number) {
        String webhook = settings.voiceWebhookUrl(context().instanceId());
        if (number.getVoiceApplicationSid() != null && !number.getVoiceApplicationSid().isBlank()) {
            return Health.degraded(Reason.CONFIGURATION_ERROR, "calls to " + settings.phoneNumber()
                    + " go to the TwiML app " + number.getVoiceApplicationSid() + ", not to " + webhook);
        }
        if (!pointsAt(number.getVoiceUrl(), webhook)) {
            return Health.degraded(Reason.CONFIGURATION_ERROR, "calls to " + settings.phoneNumber() + " go to "
                    + (number.getVoiceUrl() == null ? "no URL" : number.getVoiceUrl()) + ", not to " + webhook
                    + "; set it as the number's \"A call comes in\" webhook in Twilio's console");
        }
        if (number.getVoiceMethod() != HttpMethod.POST) {
            return Health.degraded(Reason.CONFIGURATION_ERROR, "calls to " + settings.phoneNumber()
                    + " come with HTTP " + number.getVoiceMethod() + "; set the webhook to HTTP POST");
        }
        return Health.online();
    }

    @Override
    protected Health refused(ApiException e, int status) {
        return Health.offline(Reason.CONFIGURATION_ERROR, "Twilio refused to look up " + settings.phoneNumber()
                + " (HTTP " + status + "): " + e.getMessage());
    }
}
