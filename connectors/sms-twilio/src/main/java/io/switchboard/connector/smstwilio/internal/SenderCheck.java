package io.switchboard.connector.smstwilio.internal;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.type.PhoneNumber;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import java.net.URI;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs on the core's scheduler once the instance is created: looks the sender up at Twilio, which also
 * proves the credentials, and, when configured to, points its incoming-message webhook at this
 * instance. Its outcome is the instance's health. Failures to reach Twilio are tried again a minute
 * later; configuration errors wait for the admin, who fixes them by changing the configuration (which
 * creates a new instance).
 */
final class SenderCheck implements Runnable {

    static final String CREDENTIALS_REJECTED = "Twilio rejected the accountSid or authToken";
    static final long RETRY_SECONDS = 60;

    private final ChannelContext context;
    private final TwilioTransport transport;
    private final TwilioSettings settings;
    private final HealthReporter health;

    SenderCheck(ChannelContext context, TwilioTransport transport, TwilioSettings settings, HealthReporter health) {
        this.context = context;
        this.transport = transport;
        this.settings = settings;
        this.health = health;
    }

    @Override
    public void run() {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        Health outcome = check();
        if (transport.isClosed()) {
            // Disposed while Twilio was asked: the outcome belongs to nobody (and may just be the closed pool).
            return;
        }
        health.report(outcome);
        if (outcome.reason() == Reason.COMMUNICATION_ERROR) {
            try {
                context.scheduler().schedule(this, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (IllegalStateException | RejectedExecutionException e) {
                // Disposed: the next instance checks for itself.
            }
        }
    }

    Health check() {
        TwilioExchange exchange = new TwilioExchange(transport, settings);
        String step = settings.phoneNumber() != null ? TwilioSettings.PHONE_NUMBER : TwilioSettings.MESSAGING_SERVICE_SID;
        try {
            return settings.phoneNumber() != null ? checkNumber(exchange) : checkService(exchange);
        } catch (ApiException e) {
            return failure(e, exchange.status(), step);
        } catch (RuntimeException e) {
            return Health.degraded(Reason.PROVIDER_ERROR, "could not read Twilio's answer about the sender: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Health checkNumber(TwilioExchange exchange) {
        List<IncomingPhoneNumber> numbers = IncomingPhoneNumber.reader()
                .setPhoneNumber(new PhoneNumber(settings.phoneNumber()))
                .firstPage(exchange.client())
                .getRecords();
        IncomingPhoneNumber number = numbers.stream()
                .filter(candidate -> candidate.getPhoneNumber() != null
                        && settings.phoneNumber().equals(candidate.getPhoneNumber().toString()))
                .findFirst().orElse(null);
        if (number == null) {
            return Health.offline(Reason.CONFIGURATION_ERROR, TwilioSettings.PHONE_NUMBER + " " + settings.phoneNumber()
                    + " is not a number of Twilio account " + settings.accountSid());
        }
        String webhook = settings.smsWebhookUrl(context.instanceId());
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
                .setInboundRequestUrl(URI.create(settings.smsWebhookUrl(context.instanceId())))
                .setInboundMethod(HttpMethod.POST)
                .setStatusCallback(URI.create(settings.statusCallbackUrl(context.instanceId())))
                .update(exchange.client());
        return Health.online();
    }

    /**
     * The number already calls this instance, possibly with connection overrides ({@code #rc=…}) an
     * admin added in Twilio's console: those are kept rather than overwritten.
     */
    private static boolean pointsAt(URI configured, String webhook) {
        if (configured == null) {
            return false;
        }
        String url = configured.toString();
        int fragment = url.indexOf('#');
        return (fragment < 0 ? url : url.substring(0, fragment)).equals(webhook);
    }

    /** @param status the HTTP status Twilio answered, or -1 when it could not be reached */
    private Health failure(ApiException e, int status, String senderField) {
        if (status < 0) {
            return Health.offline(Reason.COMMUNICATION_ERROR, "could not reach Twilio: " + e.getMessage()
                    + "; trying again in " + RETRY_SECONDS + " s");
        }
        if (status == 429 || status >= 500) {
            return Health.offline(Reason.COMMUNICATION_ERROR, "Twilio answered " + status + "; trying again in "
                    + RETRY_SECONDS + " s");
        }
        if (status == 401 || status == 403) {
            return Health.offline(Reason.CONFIGURATION_ERROR, CREDENTIALS_REJECTED + " (HTTP " + status
                    + "); check them in the channel settings");
        }
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
