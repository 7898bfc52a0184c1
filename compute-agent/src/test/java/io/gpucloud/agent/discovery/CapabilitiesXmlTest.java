package io.gpucloud.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gpucloud.agent.host.NumaCell;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capabilities of a real KVM host, which the test driver cannot produce (it reports no cells). */
class CapabilitiesXmlTest {

    private static final String KVM_HOST = """
            <capabilities>
              <host>
                <uuid>4c4c4544-0042-3610-8056-b4c04f4e3533</uuid>
                <cpu>
                  <arch>x86_64</arch>
                  <model>Icelake-Server-noTSX</model>
                  <vendor>Intel</vendor>
                  <topology sockets='1' dies='1' cores='2' threads='2'/>
                </cpu>
                <topology>
                  <cells num='2'>
                    <cell id='0'>
                      <memory unit='KiB'>263856812</memory>
                      <cpus num='4'>
                        <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0,4'/>
                        <cpu id='1' socket_id='0' die_id='0' core_id='1' siblings='1,5'/>
                        <cpu id='4' socket_id='0' die_id='0' core_id='0' siblings='0,4'/>
                        <cpu id='5' socket_id='0' die_id='0' core_id='1' siblings='1,5'/>
                      </cpus>
                    </cell>
                    <cell id='1'>
                      <memory unit='KiB'>264224412</memory>
                      <cpus num='4'>
                        <cpu id='2' socket_id='1' die_id='0' core_id='0' siblings='2,6'/>
                        <cpu id='3' socket_id='1' die_id='0' core_id='1' siblings='3,7'/>
                        <cpu id='6' socket_id='1' die_id='0' core_id='0' siblings='2,6'/>
                        <cpu id='7' socket_id='1' die_id='0' core_id='1' siblings='3,7'/>
                      </cpus>
                    </cell>
                  </cells>
                </topology>
              </host>
            </capabilities>
            """;

    @Test
    void readsCpuModelAndNumaCellsOfARealHost() {
        CapabilitiesXml capabilities = new CapabilitiesXml(KVM_HOST);

        assertThat(capabilities.cpuModel()).contains("Icelake-Server-noTSX");
        assertThat(capabilities.numaCells()).containsExactly(
                new NumaCell(0, List.of(0, 1, 4, 5), 263856812L / 1024),
                new NumaCell(1, List.of(2, 3, 6, 7), 264224412L / 1024));
    }

    @Test
    void cellsLaidOutFromNodeInfoShareCpusAndMemoryEvenly() {
        assertThat(LibvirtDiscovery.evenCells(2, 10, 1000)).extracting(NumaCell::cpuList, NumaCell::memoryMb)
                .containsExactly(tuple("0-4", 500L),
                        tuple("5-9", 500L));
        assertThat(LibvirtDiscovery.evenCells(2, 5, 1000)).extracting(NumaCell::cpuList)
                .as("a remainder goes to the last cell").containsExactly("0-1", "2-4");
    }
}
