package io.gpucloud.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void aGeneratedAdminPasswordIsKeptPrivateAndReused() throws Exception {
        DataDirectory data = new DataDirectory(root.resolve("cloud"));
        data.create();

        String first = data.adminPassword(Optional.empty());
        String second = data.adminPassword(Optional.empty());

        assertThat(first).hasSizeGreaterThanOrEqualTo(20).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("cloud/admin-password"))))
                .isEqualTo("rw-------");
        assertThat(data.adminPassword(Optional.of("given"))).isEqualTo("given");
    }

    @Test
    void openrcAndCloudsYamlDescribeTheCloudAndQuoteThePassword() throws Exception {
        Settings settings = Settings.fromEnvironment(Map.of(
                "CLOUD_DATA_DIR", root.toString(), "CLOUD_PUBLIC_HOST", "10.1.2.3", "CLOUD_PORT_OFFSET", "100"));
        DataDirectory data = new DataDirectory(root);

        data.writeClientFiles(settings, "it's $secret");

        assertThat(Files.readString(data.openrc()))
                .contains("export OS_AUTH_URL='http://10.1.2.3:5100/v3'")
                .contains("export OS_USERNAME='admin'")
                .contains("export OS_PASSWORD='it'\\''s $secret'")
                .contains("export OS_PROJECT_NAME='admin'")
                .contains("export OS_USER_DOMAIN_NAME=Default")
                .contains("export OS_PROJECT_DOMAIN_NAME=Default")
                .contains("export OS_IDENTITY_API_VERSION=3")
                .contains("export OS_REGION_NAME='RegionOne'")
                .contains("export OS_INTERFACE=public");
        assertThat(Files.readString(data.cloudsYaml()))
                .contains("  gpucloud:")
                .contains("auth_url: 'http://10.1.2.3:5100/v3'")
                .contains("password: 'it''s $secret'");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.openrc()))).isEqualTo("rw-------");
    }
}
