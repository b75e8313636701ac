package io.switchboard.tickets;

import io.switchboard.api.model.Customer;
import java.util.List;

/**
 * A customer with what they said about receiving messages: the consent of each of their addresses on
 * each channel instance where one was recorded (sorted by instance and address; none means nobody said
 * no), and the keywords they sent, newest first.
 */
public record CustomerDetail(Customer customer, List<ChannelConsent> consent, List<CustomerKeyword> keywords) {
    public CustomerDetail {
        consent = List.copyOf(consent);
        keywords = List.copyOf(keywords);
    }
}
