package io.gpucloud.identity.token;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface IssuedTokenRepository extends JpaRepository<IssuedToken, String> {

    @Query("select t from IssuedToken t where t.revokedAt is not null and t.expiresAt > ?1")
    List<IssuedToken> findRevokedUnexpired(Instant now);

    @Query("select count(t) > 0 from IssuedToken t where t.auditId = ?1 and t.revokedAt is not null")
    boolean isRevoked(String auditId);

    @Query("select t from IssuedToken t where t.userId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    List<IssuedToken> findActiveForUser(String userId, Instant now);

    @Query("select t from IssuedToken t where t.projectId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    List<IssuedToken> findActiveForProject(String projectId, Instant now);

    @Query("select t from IssuedToken t where t.domainId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    List<IssuedToken> findActiveForDomain(String domainId, Instant now);

    @Query("select t from IssuedToken t where t.applicationCredentialId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    List<IssuedToken> findActiveForApplicationCredential(String applicationCredentialId, Instant now);

    @Modifying
    @Query("delete from IssuedToken t where t.expiresAt < ?1")
    int deleteExpiredBefore(Instant cutoff);
}
