package io.switchboard.rest.internal.auth;

import io.switchboard.rest.internal.CoreServices;
import io.switchboard.store.entity.ApiTokenRow;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Tokens as {@link ApiTokenRow}s in the store; answers 503 while the store is not there. */
public final class StoreTokenRepository implements TokenRepository {
    private final CoreServices services;

    public StoreTokenRepository(CoreServices services) {
        this.services = services;
    }

    @Override
    public Optional<TokenRecord> findBySha256(String sha256Hex) {
        return services.store().transaction(em -> em
                .createQuery("select t from ApiToken t where t.tokenSha256 = :hash", ApiTokenRow.class)
                .setParameter("hash", sha256Hex)
                .getResultStream()
                .findFirst()
                .map(StoreTokenRepository::toRecord));
    }

    @Override
    public TokenRecord create(String name, Role role, String sha256Hex) {
        return services.store().transaction(em -> {
            ApiTokenRow row = new ApiTokenRow();
            row.name = name;
            row.role = role.id();
            row.tokenSha256 = sha256Hex;
            row.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            em.persist(row);
            em.flush();
            return toRecord(row);
        });
    }

    @Override
    public List<TokenRecord> list() {
        return services.store().transaction(em -> em
                .createQuery("select t from ApiToken t order by t.id", ApiTokenRow.class)
                .getResultList().stream()
                .map(StoreTokenRepository::toRecord)
                .toList());
    }

    @Override
    public boolean delete(long id) {
        return services.store().transaction(em -> {
            ApiTokenRow row = em.find(ApiTokenRow.class, id);
            if (row == null) {
                return false;
            }
            if (Role.ADMIN.id().equals(row.role) && countIn(em, Role.ADMIN) <= 1) {
                throw new IllegalStateException("The last admin token cannot be deleted.");
            }
            em.remove(row);
            return true;
        });
    }

    @Override
    public long count(Role role) {
        return services.store().transaction(em -> countIn(em, role));
    }

    private static long countIn(EntityManager em, Role role) {
        return em.createQuery("select count(t) from ApiToken t where t.role = :role", Long.class)
                .setParameter("role", role.id())
                .getSingleResult();
    }

    private static TokenRecord toRecord(ApiTokenRow row) {
        Role role = Role.parse(row.role).orElseThrow(
                () -> new IllegalStateException("token " + row.id + " has an unknown role"));
        return new TokenRecord(row.id, row.name, role, row.createdAt);
    }
}
