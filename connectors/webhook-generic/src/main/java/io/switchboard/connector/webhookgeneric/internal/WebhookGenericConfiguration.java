package io.switchboard.connector.webhookgeneric.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one description of an instance's configuration. bnd turns it into
 * {@code OSGI-INF/metatype/switchboard.channel.webhook_generic.xml}; the admin console renders that as
 * the form and the core validates against it. {@link ChannelSettings} reads the same keys.
 *
 * <p>The designate comes from {@code factoryPid} here rather than from {@code @Designate} on the
 * component: the configurations belong to the core, which creates instances from them, not to the DS
 * component (bnd also refuses a second designate for the same PID).
 */
@ObjectClassDefinition(
        id = WebhookGenericChannelType.CONFIGURATION_PID,
        factoryPid = WebhookGenericChannelType.CONFIGURATION_PID,
        name = "Generic webhook (JSON API)",
        description = "Connects any system that can send and receive signed JSON over HTTP. "
                + "Messages arrive at /hooks/<instance>/messages; replies are POSTed to the callback URL.")
@interface WebhookGenericConfiguration {

    @AttributeDefinition(
            name = "Callback URL",
            description = "The http or https URL that replies are POSTed to.")
    String callbackUrl();

    @AttributeDefinition(
            name = "Secret",
            type = AttributeType.PASSWORD,
            description = "Shared HMAC-SHA256 key signing both directions; at least "
                    + ChannelSettings.MIN_SECRET_LENGTH + " characters.")
    String secret();

    @AttributeDefinition(
            name = "Request timeout (seconds)",
            required = false,
            min = "" + ChannelSettings.MIN_TIMEOUT_SECONDS,
            max = "" + ChannelSettings.MAX_TIMEOUT_SECONDS,
            description = "How long to wait to connect to the callback URL, and for each read of its answer.")
    int requestTimeoutSeconds() default ChannelSettings.DEFAULT_TIMEOUT_SECONDS;
}
