package io.switchboard.tickets.internal;

import io.switchboard.api.model.Address;
import io.switchboard.store.entity.CustomerMergeRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.IdentityRow;
import io.switchboard.store.entity.TicketRow;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Who a message is from: customers, their identities, and merges. Runs inside the caller's transaction. */
final class Customers {
    private final AddressNormalizer normalizer;

    Customers(AddressNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    Address normalize(Address address) {
        return normalizer.normalize(address);
    }

    /**
     * The customer behind these (normalised) addresses: the owner of the first known one, or a new
     * customer. Addresses not yet known are added to that customer; an address that belongs to
     * someone else stays theirs (only an explicit merge joins two customers).
     */
    CustomerRow resolve(EntityManager em, List<Address> addresses, String displayName, Instant now) {
        CustomerRow customer = null;
        List<Address> unknown = new ArrayList<>();
        for (Address address : addresses) {
            Optional<IdentityRow> identity = find(em, address);
            if (identity.isEmpty()) {
                unknown.add(address);
            } else if (customer == null) {
                customer = em.find(CustomerRow.class, identity.get().customerId);
            }
        }
        if (customer == null) {
            customer = new CustomerRow();
            customer.name = displayName == null || displayName.isBlank() ? null : displayName.strip();
            customer.createdAt = now;
            em.persist(customer);
        } else if (customer.name == null && displayName != null && !displayName.isBlank()) {
            customer.name = displayName.strip();
        }
        for (Address address : unknown) {
            IdentityRow identity = new IdentityRow();
            identity.customerId = customer.id;
            identity.kind = address.kind();
            identity.address = address.value();
            em.persist(identity);
        }
        return customer;
    }

    Optional<IdentityRow> find(EntityManager em, Address address) {
        return em.createQuery("select i from Identity i where i.kind = :kind and i.address = :address",
                        IdentityRow.class)
                .setParameter("kind", address.kind())
                .setParameter("address", address.value())
                .getResultStream().findFirst();
    }

    List<IdentityRow> identities(EntityManager em, long customerId) {
        return em.createQuery("select i from Identity i where i.customerId = :c order by i.id", IdentityRow.class)
                .setParameter("c", customerId)
                .getResultList();
    }

    /** Moves everything of {@code source} to {@code target}; returns the tickets that moved. */
    List<TicketRow> merge(EntityManager em, long sourceId, long targetId, String actor, Instant now) {
        if (sourceId == targetId) {
            throw new IllegalArgumentException("sourceId: a customer cannot be merged into itself");
        }
        CustomerRow source = active(em, sourceId);
        CustomerRow target = active(em, targetId);
        // Row by row rather than one bulk update, so that the change stream sees the target's new identities.
        for (IdentityRow identity : identities(em, source.id)) {
            identity.customerId = target.id;
        }
        // Consent is kept per address, so it follows the identities; the keyword history is per customer.
        em.createQuery("update CustomerKeyword k set k.customerId = :t where k.customerId = :s")
                .setParameter("t", target.id).setParameter("s", source.id).executeUpdate();
        List<TicketRow> moved = em.createQuery("select t from Ticket t where t.customerId = :s", TicketRow.class)
                .setParameter("s", source.id).getResultList();
        for (TicketRow ticket : moved) {
            ticket.customerId = target.id;
            ticket.updatedAt = now;
        }
        source.mergedInto = target.id;
        if (target.name == null) {
            target.name = source.name;
        }
        CustomerMergeRow merge = new CustomerMergeRow();
        merge.sourceId = source.id;
        merge.targetId = target.id;
        merge.mergedBy = actor;
        merge.mergedAt = now;
        em.persist(merge);
        return moved;
    }

    /** A customer that exists and has not been merged away. */
    CustomerRow active(EntityManager em, long id) {
        CustomerRow customer = em.find(CustomerRow.class, id);
        if (customer == null) {
            throw new NoSuchElementException("no customer " + id);
        }
        if (customer.mergedInto != null) {
            throw new IllegalStateException("customer " + id + " was merged into customer " + customer.mergedInto);
        }
        return customer;
    }
}
