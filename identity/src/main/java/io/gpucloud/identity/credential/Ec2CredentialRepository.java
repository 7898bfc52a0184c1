package io.gpucloud.identity.credential;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Ec2CredentialRepository extends JpaRepository<Ec2Credential, String> {

    List<Ec2Credential> findByUserId(String userId);

    Optional<Ec2Credential> findByCredentialId(String credentialId);
}
