package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Customer;
import io.switchboard.tickets.ChannelConsent;
import io.switchboard.tickets.CustomerKeyword;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A customer's consent per channel instance and their keywords, as agents read them. */
class CustomerConsentApiTest {
    private static final Instant STOPPED = Instant.parse("2026-03-02T09:00:00.123456Z");
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aCustomerShowsConsentPerInstanceAndAddressAndTheLatestFiftyKeywordsNewestFirst() {
        Customer customer = api.tickets.addCustomer("Bea", "+14155550123");
        Address phone = Address.phone("+14155550123");
        List<CustomerKeyword> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(new CustomerKeyword("sms-main", phone, "HELP", STOPPED.plusSeconds(i)));
        }
        sent.add(new CustomerKeyword("sms-main", phone, "STOP", STOPPED.plusSeconds(60)));
        api.tickets.recordConsent(customer.id(), List.of(
                new ChannelConsent("sms-main", phone, false, "STOP", STOPPED.plusSeconds(60)),
                new ChannelConsent("sms-us", phone, true, "START", STOPPED)), sent);

        JsonNode json = api.get("/api/v1/customers/" + customer.id(), api.agentToken).json();

        assertEquals("Bea", json.path("name").asText());
        assertEquals("+14155550123", json.path("identities").get(0).path("address").asText());
        JsonNode consent = json.path("consent");
        assertEquals(2, consent.size(), consent::toString);
        assertEquals("sms-main", consent.get(0).path("channelInstance").asText());
        assertEquals("PHONE", consent.get(0).path("address").path("kind").asText());
        assertEquals("+14155550123", consent.get(0).path("address").path("value").asText());
        assertEquals(false, consent.get(0).path("optedIn").asBoolean(true));
        assertEquals("STOP", consent.get(0).path("keyword").asText());
        assertEquals("2026-03-02T09:01:00.123456Z", consent.get(0).path("updatedAt").asText());
        assertEquals(true, consent.get(1).path("optedIn").asBoolean(false));

        JsonNode keywords = json.path("keywords");
        assertEquals(50, keywords.size(), "the latest 50");
        assertEquals("STOP", keywords.get(0).path("keyword").asText());
        assertEquals("2026-03-02T09:01:00.123456Z", keywords.get(0).path("receivedAt").asText());
        assertEquals("sms-main", keywords.get(0).path("channelInstance").asText());
        assertEquals("+14155550123", keywords.get(0).path("address").path("value").asText());
        assertEquals("2026-03-02T09:00:59.123456Z", keywords.get(1).path("receivedAt").asText());
    }

    @Test
    void aCustomerWhoSaidNothingHasEmptyLists() {
        Customer customer = api.tickets.addCustomer("Cy", "+14155550124");
        JsonNode json = api.get("/api/v1/customers/" + customer.id(), api.agentToken).json();
        assertTrue(json.path("consent").isArray() && json.path("consent").isEmpty(), json::toString);
        assertTrue(json.path("keywords").isArray() && json.path("keywords").isEmpty(), json::toString);
    }
}
