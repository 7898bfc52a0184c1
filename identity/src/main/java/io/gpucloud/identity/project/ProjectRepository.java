package io.gpucloud.identity.project;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProjectRepository extends JpaRepository<Project, String> {

    Optional<Project> findByDomainIdAndName(String domainId, String name);

    List<Project> findByDomainId(String domainId);

    boolean existsByDomainId(String domainId);
}
