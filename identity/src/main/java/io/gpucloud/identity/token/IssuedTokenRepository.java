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

    @Modifying
    @Query("update IssuedToken t set t.revokedAt = ?2 where t.auditId = ?1 and t.revokedAt is null")
    int revoke(String auditId, Instant at);

    @Modifying
    @Query("update IssuedToken t set t.revokedAt = ?2 where t.userId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    int revokeForUser(String userId, Instant at);

    @Modifying
    @Query("update IssuedToken t set t.revokedAt = ?2 where t.projectId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    int revokeForProject(String projectId, Instant at);

    @Modifying
    @Query("update IssuedToken t set t.revokedAt = ?2 where t.domainId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    int revokeForDomain(String domainId, Instant at);

    @Modifying
    @Query("update IssuedToken t set t.revokedAt = ?2 where t.applicationCredentialId = ?1 and t.revokedAt is null and t.expiresAt > ?2")
    int revokeForApplicationCredential(String applicationCredentialId, Instant at);

    @Modifying
    @Query("delete from IssuedToken t where t.expiresAt < ?1")
    int deleteExpiredBefore(Instant cutoff);
}
