package io.switchboard.api.channel;

import io.switchboard.api.model.Address;
import java.util.List;

/**
 * Who sent a message, as the provider knows them.
 *
 * @param replyAddress where replies on this channel go; it identifies the customer
 * @param otherAddresses further addresses the provider vouches for (an e-mail from a chat form),
 *     used to recognise a customer already known from another channel
 * @param displayName a name, or null
 */
public record Contact(Address replyAddress, List<Address> otherAddresses, String displayName) {
    public Contact {
        java.util.Objects.requireNonNull(replyAddress, "replyAddress");
        otherAddresses = otherAddresses == null ? List.of() : List.copyOf(otherAddresses);
    }
}
