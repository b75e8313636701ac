package io.switchboard.bridge.rt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one description of an instance's configuration. bnd turns it into
 * {@code OSGI-INF/metatype/switchboard.bridge.request_tracker.xml}; the core validates against it and
 * {@link RtSettings} reads the same keys and checks what Metatype cannot express.
 */
@ObjectClassDefinition(
        id = RtBridgeType.CONFIGURATION_PID,
        factoryPid = RtBridgeType.CONFIGURATION_PID,
        name = "Request Tracker 5",
        description = "One Request Tracker 5 server. Switchboard tickets become RT tickets, customer messages "
                + "become correspondence, and replies and status changes made in RT go back to the customer.")
@interface RtConfiguration {

    @AttributeDefinition(
            name = "RT URL",
            description = "The base URL of RT, without /REST/2.0, e.g. https://rt.example.com. The mail gateway "
                    + "(/REST/1.0/NoAuth/mail-gateway) must be reachable from Switchboard at the same URL.")
    String url();

    @AttributeDefinition(
            name = "User name",
            description = "The RT user the bridge logs in as. Its own writes are never sent to customers; it needs an "
                    + "e-mail address in RT and the rights described in the admin guide.")
    String username();

    @AttributeDefinition(
            name = "Password",
            type = AttributeType.PASSWORD,
            description = "The RT password of that user (HTTP basic authentication).")
    String password();

    @AttributeDefinition(
            name = "Default RT queue",
            required = false,
            description = "The RT queue for tickets whose Switchboard queue is not in the queue mapping.")
    String queue() default "General";

    @AttributeDefinition(
            name = "Queue mapping",
            required = false,
            cardinality = 100,
            description = "Entries switchboardQueue=RT Queue, e.g. billing=Billing. Unmapped queues go to the default RT queue.")
    String[] queueMapping();

    @AttributeDefinition(
            name = "Status mapping",
            required = false,
            cardinality = 20,
            description = "Entries SWITCHBOARD_STATUS=rtstatus overriding the defaults NEW=new, OPEN=open, PENDING=stalled, "
                    + "ON_HOLD=stalled, SOLVED=resolved, CLOSED=resolved.")
    String[] statusMapping();

    @AttributeDefinition(
            name = "Requestor address",
            required = false,
            description = "The e-mail address RT knows a customer by when Switchboard has no e-mail address for them. "
                    + "{address} is their first identity's address reduced to letters, digits, '.', '_' and '-'; "
                    + "{kind} is its kind (PHONE, CHAT_VISITOR, ...).")
    String requestorAddress() default "{address}@customers.switchboard.invalid";

    @AttributeDefinition(
            name = "Poll interval (seconds)",
            required = false,
            min = "1",
            max = "3600",
            description = "How often the bridge reads RT's new transactions.")
    int pollSeconds() default 5;

    @AttributeDefinition(
            name = "Marker custom field",
            required = false,
            description = "The RT ticket custom field holding the Switchboard ticket id. The bridge creates it, for all "
                    + "queues, when no ticket custom field of that name exists.")
    String markerField() default "Switchboard Ticket";
}
