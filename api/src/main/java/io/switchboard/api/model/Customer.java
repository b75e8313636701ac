package io.switchboard.api.model;

import java.time.Instant;
import java.util.List;

/** One person, with every identity Switchboard knows for them. */
public record Customer(long id, String name, List<Identity> identities, Instant createdAt) {
}
