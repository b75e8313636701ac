package io.switchboard.api.model;

import java.util.Objects;

/**
 * How a customer is reached on one channel: a kind and an address. For {@link IdentityKind#SOCIAL} and
 * {@link IdentityKind#EXTERNAL} the address is {@code namespace:id}; {@link #scoped} builds it.
 */
public record Address(IdentityKind kind, String value) {
    public Address {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an address needs a value");
        }
    }

    public static Address phone(String number) {
        return new Address(IdentityKind.PHONE, number);
    }

    public static Address email(String email) {
        return new Address(IdentityKind.EMAIL, email);
    }

    /** An address of a namespaced kind: {@code scoped(EXTERNAL, "crm", "42")} is {@code crm:42}. */
    public static Address scoped(IdentityKind kind, String namespace, String id) {
        return new Address(kind, namespace + ":" + id);
    }

    /** The part after the namespace of a namespaced address; the whole value otherwise. */
    public String localPart() {
        int colon = value.indexOf(':');
        return (kind == IdentityKind.SOCIAL || kind == IdentityKind.EXTERNAL) && colon >= 0
                ? value.substring(colon + 1) : value;
    }
}
