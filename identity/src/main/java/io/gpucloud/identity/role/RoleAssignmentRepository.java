package io.gpucloud.identity.role;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface RoleAssignmentRepository extends JpaRepository<RoleAssignment, RoleAssignment.Key> {

    @Query("select a from RoleAssignment a where a.key.userId = ?1 and a.key.targetType = ?2 and a.key.targetId = ?3")
    List<RoleAssignment> findForUserOn(String userId, String targetType, String targetId);

    @Query("select a from RoleAssignment a where a.key.userId = ?1")
    List<RoleAssignment> findForUser(String userId);

    @Modifying
    @Query("delete from RoleAssignment a where a.key.targetType = ?1 and a.key.targetId = ?2")
    void deleteForTarget(String targetType, String targetId);
}
