package io.switchboard.connector.twilio;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.type.PhoneNumber;
import io.switchboard.api.channel.ChannelContext;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs on the core's scheduler once the instance is created: looks up at Twilio what the instance works
 * with (a number, a Messaging Service), which also proves the credentials. Its outcome is the instance's
 * health. Failures to reach Twilio are tried again a minute later; configuration errors wait for the
 * admin, whose change creates a new instance. What is looked up, and what a refusal means, is the
 * connector's.
 */
public abstract class AccountCheck implements Runnable {

    public static final String CREDENTIALS_REJECTED = "Twilio rejected the accountSid or authToken";
    public static final long RETRY_SECONDS = 60;

    private final ChannelContext context;
    private final TwilioTransport transport;
    private final TwilioAccount account;
    private final HealthReporter health;
    private final String subject;

    /** @param subject what is looked up, for messages: "could not read Twilio's answer about the number" */
    protected AccountCheck(ChannelContext context, TwilioTransport transport, TwilioAccount account,
            HealthReporter health, String subject) {
        this.context = context;
        this.transport = transport;
        this.account = account;
        this.health = health;
        this.subject = subject;
    }

    @Override
    public final void run() {
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

    public final Health check() {
        TwilioExchange exchange = new TwilioExchange(transport, account);
        try {
            return lookUp(exchange);
        } catch (ApiException e) {
            return failure(e, exchange.status());
        } catch (RuntimeException e) {
            return Health.degraded(Reason.PROVIDER_ERROR, "could not read Twilio's answer about the " + subject + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Asks Twilio through {@code exchange}; an {@link ApiException} it lets through becomes the health. */
    protected abstract Health lookUp(TwilioExchange exchange);

    /**
     * The health after Twilio refused the look-up with {@code status} for a reason other than rate
     * limits, its own failures and the credentials: a configuration error the admin fixes.
     */
    protected abstract Health refused(ApiException e, int status);

    protected final ChannelContext context() {
        return context;
    }

    /** The account's number {@code phoneNumber} (E.164), or null when the account has no such number. */
    protected static IncomingPhoneNumber incomingNumber(TwilioExchange exchange, String phoneNumber) {
        return IncomingPhoneNumber.reader()
                .setPhoneNumber(new PhoneNumber(phoneNumber))
                .firstPage(exchange.client())
                .getRecords()
                .stream()
                .filter(candidate -> candidate.getPhoneNumber() != null
                        && phoneNumber.equals(candidate.getPhoneNumber().toString()))
                .findFirst().orElse(null);
    }

    /** The health when {@link #incomingNumber} found nothing. */
    protected final Health notANumberOfTheAccount(String phoneNumber) {
        return Health.offline(Reason.CONFIGURATION_ERROR, ConfigurationFields.PHONE_NUMBER + " " + phoneNumber
                + " is not a number of Twilio account " + account.accountSid());
    }

    /**
     * The webhook URL Twilio has is {@code webhook}, possibly with connection overrides ({@code #rc=…})
     * an admin added in Twilio's console: those do not change where requests go, and are kept.
     */
    protected static boolean pointsAt(URI configured, String webhook) {
        if (configured == null) {
            return false;
        }
        String url = configured.toString();
        int fragment = url.indexOf('#');
        return (fragment < 0 ? url : url.substring(0, fragment)).equals(webhook);
    }

    /** @param status the HTTP status Twilio answered, or -1 when it could not be reached */
    private Health failure(ApiException e, int status) {
        if (status < 0 || status == 429 || status >= 500) {
            return Health.offline(Reason.COMMUNICATION_ERROR, (status < 0 ? "could not reach Twilio: " + e.getMessage()
                    : "Twilio answered " + status) + "; trying again in " + RETRY_SECONDS + " s");
        }
        if (status == 401 || status == 403) {
            return Health.offline(Reason.CONFIGURATION_ERROR, CREDENTIALS_REJECTED + " (HTTP " + status
                    + "); check them in the channel settings");
        }
        return refused(e, status);
    }
}
