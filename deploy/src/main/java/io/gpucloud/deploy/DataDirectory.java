package io.gpucloud.deploy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The launcher's data directory and what lives in it:
 *
 * <pre>
 * admin-password   generated once (mode 600) unless CLOUD_ADMIN_PASSWORD is given
 * openrc           OS_* variables for the openstack CLI (mode 600: it holds the password)
 * clouds.yaml      the same as cloud "gpucloud"
 * postgres/        embedded PostgreSQL's data; postgres.log beside it
 * broker/          embedded Qpid's work directory (Derby message store)
 * </pre>
 */
final class DataDirectory {

    private static final String PRIVATE = "rw-------";

    private final Path root;

    DataDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path postgresLog() {
        return root.resolve("postgres.log");
    }

    /** Object data of the object store (its metadata lives in PostgreSQL). */
    /** Image data (the compute API's Image API stores it; the simulated hosts' agents boot from it). */
    Path images() {
        return root.resolve("images");
    }

    Path objects() {
        return root.resolve("object-data");
    }

    Path broker() {
        return root.resolve("broker");
    }

    Path openrc() {
        return root.resolve("openrc");
    }

    Path cloudsYaml() {
        return root.resolve("clouds.yaml");
    }

    void create() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** The given password, else the one kept in {@code admin-password}, else a new one written there. */
    String adminPassword(Optional<String> given) throws IOException {
        if (given.isPresent()) {
            return given.get();
        }
        Path file = root.resolve("admin-password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        writePrivate(file, password + "\n");
        return password;
    }

    void writeClientFiles(Settings settings, String adminPassword) throws IOException {
        writePrivate(openrc(), """
                # gpucloud all-in-one: source this file, then use the openstack CLI.
                export OS_AUTH_URL=%s
                export OS_USERNAME=%s
                export OS_PASSWORD=%s
                export OS_PROJECT_NAME=%s
                export OS_USER_DOMAIN_NAME=Default
                export OS_PROJECT_DOMAIN_NAME=Default
                export OS_IDENTITY_API_VERSION=3
                export OS_REGION_NAME=%s
                export OS_INTERFACE=public
                """.formatted(shell(settings.authUrl()), shell(settings.adminUser()), shell(adminPassword),
                shell(settings.adminProject()), shell(settings.region())));
        writePrivate(cloudsYaml(), """
                # gpucloud all-in-one: copy to ~/.config/openstack/clouds.yaml, then: openstack --os-cloud gpucloud ...
                clouds:
                  gpucloud:
                    auth:
                      auth_url: %s
                      username: %s
                      password: %s
                      project_name: %s
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: %s
                    interface: public
                    identity_api_version: 3
                """.formatted(yaml(settings.authUrl()), yaml(settings.adminUser()), yaml(adminPassword),
                yaml(settings.adminProject()), yaml(settings.region())));
    }

    private static void writePrivate(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(PRIVATE)));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(PRIVATE));
        }
        Files.writeString(file, content);
    }

    static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String yaml(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
