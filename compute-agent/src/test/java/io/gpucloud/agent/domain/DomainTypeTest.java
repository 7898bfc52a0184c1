package io.gpucloud.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Choosing KVM or TCG from libvirt's capabilities (trimmed from libvirt 9.0's answers). */
class DomainTypeTest {

    private static final String KVM_HOST = """
            <capabilities>
              <host><cpu><arch>x86_64</arch></cpu></host>
              <guest>
                <os_type>hvm</os_type>
                <arch name='i686'><emulator>/usr/bin/qemu-system-i386</emulator>
                  <domain type='qemu'/><domain type='kvm'/></arch>
              </guest>
              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'><emulator>/usr/bin/qemu-system-x86_64</emulator>
                  <domain type='qemu'/><domain type='kvm'/></arch>
              </guest>
            </capabilities>""";

    /** No /dev/kvm: libvirt offers only TCG. */
    private static final String TCG_HOST = KVM_HOST.replace("<domain type='kvm'/>", "");

    /** The test driver with a host file: an i686 "test" guest only. */
    private static final String TEST_DRIVER = """
            <capabilities>
              <host><cpu><arch>i686</arch></cpu><topology><cells num='0'></cells></topology></host>
              <guest><os_type>hvm</os_type><arch name='i686'><wordsize>32</wordsize>
                <domain type='test'/></arch></guest>
            </capabilities>""";

    @Test
    void kvmWhenLibvirtOffersIt() {
        assertThat(DomainType.fromCapabilities(KVM_HOST)).isEqualTo(DomainType.KVM);
    }

    @Test
    void tcgWithoutKvm() {
        assertThat(DomainType.fromCapabilities(TCG_HOST)).isEqualTo(DomainType.QEMU);
    }

    @Test
    void kvmXmlForTheTestDriver() {
        assertThat(DomainType.fromCapabilities(TEST_DRIVER)).isEqualTo(DomainType.KVM);
    }

    @Test
    void parsesTheXmlNames() {
        assertThat(DomainType.parse(" QEMU ")).isEqualTo(DomainType.QEMU);
        assertThat(DomainType.parse("kvm")).isEqualTo(DomainType.KVM);
        assertThatThrownBy(() -> DomainType.parse("xen")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown domain type 'xen' (kvm or qemu)");
    }
}
