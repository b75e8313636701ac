package io.switchboard.connector.smstwilio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one description of an instance's configuration. bnd turns it into
 * {@code OSGI-INF/metatype/switchboard.channel.sms_twilio.xml}; the admin console renders that as the
 * form and the core validates against it. {@link TwilioSettings} reads the same keys and checks what
 * Metatype cannot express (formats, exactly one sender).
 *
 * <p>The designate comes from {@code factoryPid} here rather than from {@code @Designate} on the
 * component: the configurations belong to the core, which creates instances from them.
 */
@ObjectClassDefinition(
        id = SmsTwilioChannelType.CONFIGURATION_PID,
        factoryPid = SmsTwilioChannelType.CONFIGURATION_PID,
        name = "SMS (Twilio)",
        description = "One Twilio phone number or Messaging Service. Twilio calls "
                + "<public base URL>/hooks/<instance>/sms for incoming messages and "
                + "<public base URL>/hooks/<instance>/status for delivery reports.")
@interface SmsTwilioConfiguration {

    @AttributeDefinition(
            name = "Account SID",
            description = "The SID of the Twilio account (or subaccount) owning the number: AC followed by 32 hex digits.")
    String accountSid();

    @AttributeDefinition(
            name = "Auth Token",
            type = AttributeType.PASSWORD,
            description = "The account's Auth Token. It authenticates API calls and is the key Twilio signs webhooks with.")
    String authToken();

    @AttributeDefinition(
            name = "Sender phone number",
            required = false,
            description = "The Twilio number to send from, in E.164 form (+14155550100). "
                    + "Leave empty when a Messaging Service SID is set: exactly one of the two.")
    String phoneNumber();

    @AttributeDefinition(
            name = "Messaging Service SID",
            required = false,
            description = "The Messaging Service to send through: MG followed by 32 hex digits. "
                    + "Leave empty when a sender phone number is set: exactly one of the two.")
    String messagingServiceSid();

    @AttributeDefinition(
            name = "Public base URL",
            description = "The externally visible URL of this Switchboard, exactly as Twilio calls it: scheme, host, "
                    + "port and any path before /hooks/, e.g. https://help.example.com. Webhook signatures are "
                    + "checked against it.")
    String publicBaseUrl();

    @AttributeDefinition(
            name = "Set up webhooks at Twilio",
            required = false,
            description = "Point the number's (or the Messaging Service's) incoming-message webhook at this "
                    + "instance through Twilio's API when the instance starts.")
    boolean configureWebhooks() default false;

    @AttributeDefinition(
            name = "Twilio API base URL",
            required = false,
            description = "For tests only: send every Twilio API call to this http(s)://host:port instead of Twilio.")
    String apiBaseUrl();
}
