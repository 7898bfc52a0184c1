package io.gpucloud.identity.user;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<User, String> {

    Optional<User> findByDomainIdAndName(String domainId, String name);

    List<User> findByDomainId(String domainId);

    boolean existsByDomainId(String domainId);
}
