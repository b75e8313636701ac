package io.switchboard.api.model;

/**
 * What an identity's address is. The core normalises addresses before it stores or compares them.
 */
public enum IdentityKind {
    /** A phone number, stored in E.164 form ({@code +14155550100}). */
    PHONE,
    /** An e-mail address, stored trimmed and lower-cased. */
    EMAIL,
    /** A visitor of a live-chat widget, by the widget's visitor id. */
    CHAT_VISITOR,
    /** A user of a social platform: {@code platform:userId}, e.g. {@code messenger:1234}. */
    SOCIAL,
    /**
     * A user of another system that talks to Switchboard through a generic channel:
     * {@code namespace:userId}, where the namespace names that system.
     */
    EXTERNAL
}
