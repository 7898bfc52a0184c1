package io.gpucloud.identity.credential;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicationCredentialRepository extends JpaRepository<ApplicationCredential, String> {

    List<ApplicationCredential> findByUserId(String userId);

    Optional<ApplicationCredential> findByUserIdAndName(String userId, String name);
}
