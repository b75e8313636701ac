package io.switchboard.tickets.internal;

import io.switchboard.api.channel.AgentContact;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.store.entity.AgentRow;
import io.switchboard.tickets.AgentStatus;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Agents' availability for calls, and the fair order in which queues offer calls to them. */
final class Agents {
    private static final int MAX_NAME = 255;
    /** What Twilio accepts in a Client identity, and nothing that needs escaping in a URL or TwiML. */
    private static final Pattern CLIENT_IDENTITY = Pattern.compile("[A-Za-z0-9._@-]{1,255}");
    private static final Comparator<AgentStatus> FAIR = Comparator
            .comparing(AgentStatus::idleSince, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(AgentStatus::name);

    /**
     * How long an agent counts as on a call when the connector never reports the call over (a callback
     * lost on the way): long enough for any real call, short enough not to lose the agent for a day.
     */
    static final Duration ON_CALL_LIMIT = Duration.ofHours(2);

    private final Customers customers;

    Agents(Customers customers) {
        this.customers = customers;
    }

    AgentContact check(String name, String phoneNumber, String clientIdentity) {
        name(name);
        String phone = phone(phoneNumber);
        String client = client(clientIdentity);
        if ((phone == null) == (client == null)) {
            throw new IllegalArgumentException("phoneNumber: give either a phoneNumber or a clientIdentity");
        }
        return new AgentContact(name, phone, client);
    }

    AgentStatus set(EntityManager em, String name, boolean available, String phoneNumber, String clientIdentity,
            Instant now) {
        name(name);
        String phone = phone(phoneNumber);
        String client = client(clientIdentity);
        AgentRow row = em.find(AgentRow.class, name);
        boolean known = row != null && (row.phoneNumber != null || row.clientIdentity != null);
        if (available && phone == null && client == null && !known) {
            throw new IllegalArgumentException("phoneNumber: an available agent needs a phoneNumber or a clientIdentity");
        }
        boolean created = row == null;
        if (created) {
            row = new AgentRow();
            row.name = name;
        }
        if (available && !row.available) {
            row.availableSince = now;
            // Coming back is the agent's word that they are free.
            row.onCallSince = null;
        } else if (!available) {
            row.availableSince = null;
        }
        row.available = available;
        // Going unavailable keeps where to ring the agent, so that coming back needs only the flag.
        if (phone != null || client != null) {
            row.phoneNumber = phone;
            row.clientIdentity = client;
        }
        row.updatedAt = now;
        if (created) {
            // A concurrent first set breaks the primary key and is run again as an update.
            em.persist(row);
        }
        return view(row);
    }

    Optional<AgentStatus> get(EntityManager em, String name) {
        return Optional.ofNullable(name == null ? null : em.find(AgentRow.class, name)).map(Agents::view);
    }

    /** The available agents who are not on a call, the one idle the longest first. */
    List<AgentStatus> available(EntityManager em, Instant now) {
        return em.createQuery("select a from Agent a where a.available = true"
                        + " and (a.onCallSince is null or a.onCallSince < :stale)", AgentRow.class)
                .setParameter("stale", now.minus(ON_CALL_LIMIT))
                .getResultStream().map(Agents::view).sorted(FAIR).toList();
    }

    /** A call was offered to the agent: they are on it until {@link #released}. */
    void offered(EntityManager em, String name, Instant now) {
        AgentRow row = name == null ? null : em.find(AgentRow.class, name);
        if (row != null) {
            row.lastOfferedAt = now;
            row.onCallSince = now;
        }
    }

    /** The agent's part in the call offered to them is over, answered or not. */
    void released(EntityManager em, String name) {
        AgentRow row = name == null ? null : em.find(AgentRow.class, name);
        if (row != null) {
            row.onCallSince = null;
        }
    }

    private static void name(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("agent: must be 1-" + MAX_NAME + " characters");
        }
    }

    private static String client(String value) {
        String client = blankToNull(value);
        if (client != null && !CLIENT_IDENTITY.matcher(client).matches()) {
            throw new IllegalArgumentException(
                    "clientIdentity: must be 1-255 characters of letters, digits, '.', '_', '-' and '@'");
        }
        return client;
    }

    private String phone(String value) {
        String phone = blankToNull(value);
        if (phone == null) {
            return null;
        }
        String normalized;
        try {
            normalized = customers.normalize(new Address(IdentityKind.PHONE, phone)).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("phoneNumber: not a phone number: " + phone);
        }
        // A short code can text but cannot be dialled to reach a person.
        if (!normalized.startsWith("+")) {
            throw new IllegalArgumentException("phoneNumber: not a phone number in E.164: " + phone);
        }
        return normalized;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static AgentStatus view(AgentRow row) {
        return new AgentStatus(row.name, row.available, row.phoneNumber, row.clientIdentity, row.availableSince,
                row.lastOfferedAt, row.onCallSince);
    }
}
