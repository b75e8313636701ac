package io.switchboard.connector.smstwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.rest.messaging.v1.Service;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import io.switchboard.connector.twilio.AccountCheck;
import io.switchboard.connector.twilio.HealthReporter;
import io.switchboard.connector.twilio.TwilioExchange;
import io.switchboard.connector.twilio.TwilioTransport;
import java.net.URI;

/**
 * Looks the sender up at Twilio, which also proves the credentials, and, when configured to, points its
 * incoming-message webhook at this instance.
 */
final class SenderCheck extends AccountCheck {

    private final TwilioSettings settings;

    SenderCheck(ChannelContext context, TwilioTransport transport, TwilioSettings settings, HealthReporter health) {
        super(context, transport, settings, health, "sender");
        this.settings = settings;
    }

    @Override
    protected Health lookUp(TwilioExchange exchange) {
        return settings.phoneNumber() != null ? checkNumber(exchange) : checkService(exchange);
    }

    private Health checkNumber(TwilioExchange exchange) {
        IncomingPhoneNumber number = incomingNumber(exchange, settings.phoneNumber());
        if (number == null) {
            return notANumberOfTheAccount(settings.phoneNumber());
        }
        String webhook = settings.smsWebhookUrl(context().instanceId());
        boolean hasApplication = number.getSmsApplicationSid() != null && !number.getSmsApplicationSid().isBlank();
        if (!settings.configureWebhooks()) {
            return hasApplication
                    ? Health.degraded(Reason.CONFIGURATION_ERROR, "incoming messages to " + settings.phoneNumber()
                            + " go to the TwiML app " + number.getSmsApplicationSid() + ", not to " + webhook)
                    : Health.online();
        }
        if (!hasApplication && pointsAt(number.getSmsUrl(), webhook) && number.getSmsMethod() == HttpMethod.POST) {
            return Health.online();
        }
        IncomingPhoneNumberUpdater update = IncomingPhoneNumber.updater(number.getSid())
                .setSmsUrl(URI.create(webhook))
                .setSmsMethod(HttpMethod.POST);
        if (hasApplication) {
            // A TwiML app takes precedence over the URL; an empty value detaches it.
            update.setSmsApplicationSid("");
        }
        update.update(exchange.client());
        return Health.online();
    }

    private Health checkService(TwilioExchange exchange) {
        if (!settings.configureWebhooks()) {
            Service.fetcher(settings.messagingServiceSid()).fetch(exchange.client());
            return Health.online();
        }
        Service.updater(settings.messagingServiceSid())
                .setInboundRequestUrl(URI.create(settings.smsWebhookUrl(context().instanceId())))
                .setInboundMethod(HttpMethod.POST)
                .setStatusCallback(URI.create(settings.statusCallbackUrl(context().instanceId())))
                .update(exchange.client());
        return Health.online();
    }

    @Override
    protected Health refused(ApiException e, int status) {
        String senderField = settings.phoneNumber() != null ? TwilioSettings.PHONE_NUMBER : TwilioSettings.MESSAGING_SERVICE_SID;
        if (status == 404) {
            return Health.offline(Reason.CONFIGURATION_ERROR, senderField + " "
                    + (settings.phoneNumber() != null ? settings.phoneNumber() : settings.messagingServiceSid())
                    + " was not found in Twilio account " + settings.accountSid());
        }
        String detail = e.getCode() == null ? "" : ", " + TwilioErrors.describe(e.getCode());
        return Health.offline(Reason.CONFIGURATION_ERROR, "Twilio refused the request about the sender (HTTP " + status + detail
                + "): " + e.getMessage() + "; check " + TwilioSettings.PUBLIC_BASE_URL + " and " + senderField);
    }
}
