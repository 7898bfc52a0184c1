package io.gpucloud.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PciAddressTest {

    @Test
    void readsTheWaysLinuxLibvirtAndNvidiaSmiWriteAddresses() {
        PciAddress expected = new PciAddress(0, 0x3b, 0, 0);
        assertThat(PciAddress.parse("0000:3b:00.0")).isEqualTo(expected);
        assertThat(PciAddress.parse("00000000:3B:00.0")).isEqualTo(expected);
        assertThat(PciAddress.parse("3b:00.0")).isEqualTo(expected);
        assertThat(PciAddress.parse(" 0001:c1:1f.7 ")).isEqualTo(new PciAddress(1, 0xc1, 0x1f, 7));
    }

    @Test
    void writesLowerCaseWithFourDigitDomainAndNamesTheLibvirtNodeDevice() {
        PciAddress address = PciAddress.parse("00000000:DB:00.0");
        assertThat(address).hasToString("0000:db:00.0");
        assertThat(address.libvirtNodeDeviceName()).isEqualTo("pci_0000_db_00_0");
    }

    @Test
    void ordersByDomainBusSlotFunction() {
        List<PciAddress> sorted = Stream.of("0000:98:00.0", "0000:17:00.1", "0001:01:00.0", "0000:17:00.0")
                .map(PciAddress::parse).sorted().toList();
        assertThat(sorted).extracting(PciAddress::toString)
                .containsExactly("0000:17:00.0", "0000:17:00.1", "0000:98:00.0", "0001:01:00.0");
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> PciAddress.parse("pci_0000_3b_00_0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PciAddress.parse("0000:3b:00.8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PciAddress.parse("100000:3b:00.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PciAddress(0, 0, 0x20, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
