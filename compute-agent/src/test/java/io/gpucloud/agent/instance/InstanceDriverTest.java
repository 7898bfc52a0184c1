package io.gpucloud.agent.instance;

import static io.gpucloud.agent.instance.SimulatedHost.flavor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpucloud.agent.domain.BuildRefusedException;
import io.gpucloud.agent.domain.DomainDescription;
import io.gpucloud.agent.domain.DomainXmlReader;
import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.GpuMode;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.BuildSpec;
import io.gpucloud.common.messaging.contract.InstanceStateChanged.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;

/**
 * Builds and actions against the real libvirt test driver with the simulated hosts of deploy/hosts, root disk
 * overlays read back by qemu-img and config drives read back by isoinfo (when installed).
 */
class InstanceDriverTest {

    private static final List<String> A100S = List.of("0000:17:00.0", "0000:31:00.0", "0000:4b:00.0", "0000:65:00.0",
            "0000:98:00.0", "0000:b1:00.0", "0000:ca:00.0", "0000:e3:00.0");

    @TempDir
    Path work;

    private SimulatedHost host;
    private final DomainXmlReader reader = new DomainXmlReader();

    @BeforeAll
    static void needsQemuImg() {
        assumeTrue(ExternalCommand.onPath("qemu-img"), "qemu-img (Debian qemu-utils) is not installed");
    }

    @AfterEach
    void closeHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void buildsAndStartsAGuestWithPassedThroughGpus(int count) throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(true, Duration.ofSeconds(5));
        BuildInstance build = host.build(flavor(8, Map.of()),
                A100S.subList(0, count).stream().map(address -> host.claim(address, 1)).toList());

        InstanceStatus status = driver.build(build, host.plan);

        assertThat(status.state()).isEqualTo(State.ACTIVE);
        assertThat(status.domainName()).isEqualTo("instance-" + build.instanceUuid());
        Domain domain = host.connect.domainLookupByUUID(build.instanceUuid());
        assertThat(domain.getInfo().state).isEqualTo(DomainState.VIR_DOMAIN_RUNNING);
        String xml = domain.getXMLDesc(0);
        assertThat(xml).contains("<hostdev mode='subsystem' type='pci' managed='yes'>")
                .contains("<address domain='0x0000' bus='0x17' slot='0x00' function='0x0'/>")
                .contains("<vcpu placement='static'>8</vcpu>").contains("<memory unit='KiB'>4194304</memory>");
        assertThat(reader.read(xml).pciDevices()).containsExactlyInAnyOrderElementsOf(
                A100S.subList(0, count).stream().map(PciAddress::parse).toList());
        InstanceFiles files = driver.files(build.instanceUuid());
        assertThat(xml).contains(files.rootDisk().toString()).contains(files.consoleLog().toString());
        String info = new ExternalCommand(Duration.ofSeconds(30)).run(List.of("qemu-img", "info",
                files.rootDisk().toString()));
        assertThat(info).contains("backing file: " + host.imagesDir.resolve(host.image.toString()))
                .contains("virtual size: 10 GiB");
        assertThat(Files.exists(files.configDrive())).isTrue();
    }

    @Test
    void slicesAnL40sIntoMediatedDevicesAndRefusesMoreThanItHas() throws Exception {
        GpuMode vgpu = GpuMode.parse("vgpu:nvidia-1153");
        host = SimulatedHost.open("l40s-4x.xml", "l40s-host", Map.of(PciAddress.parse("0000:01:00.0"), vgpu,
                PciAddress.parse("0000:41:00.0"), vgpu), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        assertThat(host.slot("0000:01:00.0").total()).isEqualTo(12);
        BuildInstance build = host.build(flavor(4, Map.of()),
                List.of(host.claim("0000:01:00.0", 2), host.claim("0000:41:00.0", 1)));

        assertThat(driver.build(build, host.plan).state()).isEqualTo(State.ACTIVE);

        Domain domain = host.connect.domainLookupByUUID(build.instanceUuid());
        assertThat(domain.getInfo().state).isEqualTo(DomainState.VIR_DOMAIN_RUNNING);
        DomainDescription description = reader.read(domain.getXMLDesc(0));
        assertThat(description.mdevUuids()).hasSize(3);
        assertThat(description.pciDevices()).isEmpty();
        assertThat(description.mediatedGpus()).extracting(mdev -> mdev.parent().toString())
                .containsExactly("0000:01:00.0", "0000:01:00.0", "0000:41:00.0");
        assertThat(domain.getXMLDesc(0)).contains("<hostdev mode='subsystem' type='mdev' managed='no' "
                + "model='vfio-pci'>");

        BuildInstance tooMany = host.build(flavor(4, Map.of()), List.of(host.claim("0000:01:00.0", 11)));
        assertThatThrownBy(() -> driver.build(tooMany, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessage("GPU 0000:01:00.0 has 2 of its 12 nvidia-1153 devices in use; 11 more do not fit");
        assertThat(host.domainNames()).containsExactly("instance-" + build.instanceUuid());
        assertThat(driver.files(tooMany.instanceUuid()).exists()).isFalse();
    }

    @Test
    void dedicatedCpusArePinnedOnTheGpusNumaNode() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        // The test driver reports no NUMA cells; discovery lays them out from node info: node 1 = CPUs 80-159.
        assertThat(host.plan.inventory().numaCells().get(1).cpuList()).isEqualTo("80-159");
        Map<String, String> dedicated = Map.of("hw:cpu_policy", "dedicated");
        BuildInstance first = host.build(flavor(4, dedicated), List.of(host.claim("0000:98:00.0", 1)));
        BuildInstance second = host.build(flavor(2, dedicated), List.of(host.claim("0000:b1:00.0", 1)));

        driver.build(first, host.plan);
        driver.build(second, host.plan);

        String xml = host.connect.domainLookupByUUID(first.instanceUuid()).getXMLDesc(0);
        assertThat(xml).contains("<vcpupin vcpu='0' cpuset='80'/>").contains("<vcpupin vcpu='3' cpuset='83'/>")
                .contains("<memory mode='strict' nodeset='1'/>");
        assertThat(reader.read(host.connect.domainLookupByUUID(second.instanceUuid()).getXMLDesc(0)).pinnedCpus())
                .containsExactlyInAnyOrder(84, 85);
        assertThat(host.connect.domainLookupByUUID(second.instanceUuid()).getInfo().state)
                .isEqualTo(DomainState.VIR_DOMAIN_RUNNING);
    }

    @Test
    void stopStartRebootAndDelete() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        UUID uuid = build.instanceUuid();
        driver.build(build, host.plan);

        assertThat(driver.stop(uuid).state()).isEqualTo(State.SHUTOFF);
        assertThat(driver.stop(uuid).state()).isEqualTo(State.SHUTOFF);
        assertThat(driver.inspect(uuid).orElseThrow().libvirtState()).isEqualTo("VIR_DOMAIN_SHUTOFF");
        assertThat(driver.start(uuid).state()).isEqualTo(State.ACTIVE);
        assertThat(driver.start(uuid).state()).isEqualTo(State.ACTIVE);
        assertThat(driver.rebootSoft(uuid).state()).isEqualTo(State.ACTIVE);
        assertThat(driver.rebootHard(uuid).state()).isEqualTo(State.ACTIVE);
        driver.stop(uuid);
        assertThat(driver.rebootHard(uuid).state()).isEqualTo(State.ACTIVE);
        assertThat(driver.list()).extracting(InstanceStatus::uuid, InstanceStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(uuid, State.ACTIVE));

        InstanceStatus deleted = driver.delete(uuid);

        assertThat(deleted.state()).isEqualTo(State.DELETED);
        assertThat(host.domainNames()).isEmpty();
        assertThat(driver.files(uuid).exists()).isFalse();
        assertThat(driver.inspect(uuid)).isEmpty();
        assertThat(driver.delete(uuid).state()).isEqualTo(State.DELETED);
        assertThatThrownBy(() -> driver.start(uuid)).isInstanceOf(InstanceOperationException.class)
                .hasMessageContaining("it has no domain on this host");
        // The GPU is free again.
        BuildInstance next = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        assertThat(driver.build(next, host.plan).state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void aRedeliveredBuildDefinesNothingNewAndMakesSureTheGuestRuns() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        driver.build(build, host.plan);
        Path disk = driver.files(build.instanceUuid()).rootDisk();
        long modified = Files.getLastModifiedTime(disk).toMillis();

        assertThat(driver.build(build, host.plan).state()).isEqualTo(State.ACTIVE);
        driver.stop(build.instanceUuid());
        assertThat(driver.build(build, host.plan).state()).isEqualTo(State.ACTIVE);

        assertThat(host.domainNames()).containsExactly("instance-" + build.instanceUuid());
        assertThat(Files.getLastModifiedTime(disk).toMillis()).isEqualTo(modified);
    }

    @Test
    void refusesAGpuOfAnotherHostAndLeavesNothing() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(new ClaimedGpu(UUID.randomUUID(),
                "h100-host_pci_0000_18_00_0", "PGPU", 1, java.util.Set.of())));

        assertThatThrownBy(() -> driver.build(build, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessageStartingWith("GPU provider h100-host_pci_0000_18_00_0 is not a GPU of host a100-host");
        assertThat(host.domainNames()).isEmpty();
        assertThat(driver.files(build.instanceUuid()).exists()).isFalse();
    }

    @Test
    void refusesAGpuAnotherDomainHoldsOursOrNot() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        BuildInstance first = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        driver.build(first, host.plan);
        // A domain someone defined by hand, holding another GPU.
        host.connect.domainDefineXML("""
                <domain type='kvm'><name>hand-made</name><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                <os><type arch='x86_64'>hvm</type></os><devices>
                <hostdev mode='subsystem' type='pci' managed='yes'><source>
                <address domain='0x0000' bus='0x31' slot='0x00' function='0x0'/></source></hostdev>
                </devices></domain>""");

        BuildInstance second = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        assertThatThrownBy(() -> driver.build(second, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessage("GPU 0000:17:00.0 is already passed through to domain instance-" + first.instanceUuid());
        BuildInstance third = host.build(flavor(2, Map.of()),
                List.of(host.claim("0000:4b:00.0", 1), host.claim("0000:31:00.0", 1)));
        assertThatThrownBy(() -> driver.build(third, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessage("GPU 0000:31:00.0 is already passed through to domain hand-made");

        assertThat(host.domainNames()).containsExactlyInAnyOrder("instance-" + first.instanceUuid(), "hand-made");
        assertThat(driver.files(second.instanceUuid()).exists()).isFalse();
        assertThat(driver.files(third.instanceUuid()).exists()).isFalse();
        assertThat(driver.list()).extracting(InstanceStatus::uuid).containsExactly(first.instanceUuid());
    }

    @Test
    void whenLibvirtRefusesTheDomainTheFilesGoToo() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));
        // A stale domain with the instance's name but another uuid: libvirt refuses to define ours.
        host.connect.domainDefineXML("<domain type='kvm'><name>instance-" + build.instanceUuid() + "</name>"
                + "<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");

        assertThatThrownBy(() -> driver.build(build, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessageContaining("libvirt refused instance-" + build.instanceUuid())
                .hasMessageContaining("already");
        assertThat(driver.files(build.instanceUuid()).exists()).isFalse();
        assertThat(host.domainNames()).containsExactly("instance-" + build.instanceUuid());
    }

    @Test
    void refusesAnImageTheHostDoesNotHave() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(false, Duration.ofSeconds(5));
        UUID missing = UUID.randomUUID();
        BuildInstance build = host.build(UUID.randomUUID(), flavor(2, Map.of()), List.of(),
                new BuildSpec("vm", missing, null, null, null, Map.of()));

        assertThatThrownBy(() -> driver.build(build, host.plan))
                .hasMessageContaining("image " + missing + " is not on host a100-host");
        assertThat(host.domainNames()).isEmpty();
    }

    @Test
    void theConfigDriveCarriesMetadataKeysAndUserData() throws Exception {
        assumeTrue(ExternalCommand.onPath("isoinfo"), "isoinfo (Debian genisoimage) is not installed");
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(true, Duration.ofSeconds(5));
        String userData = "#cloud-config\nruncmd: [nvidia-smi]\n";
        BuildInstance build = host.build(UUID.randomUUID(), flavor(2, Map.of()), List.of(),
                new BuildSpec("Train <GPT> & co", host.image, "my-key", "ssh-ed25519 AAAA me@laptop",
                        Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)),
                        Map.of("team", "nlp")));

        driver.build(build, host.plan);

        Path iso = driver.files(build.instanceUuid()).configDrive();
        ExternalCommand command = new ExternalCommand(Duration.ofSeconds(30));
        assertThat(command.run(List.of("isoinfo", "-d", "-i", iso.toString()))).contains("Volume id: config-2");
        String metaData = command.run(List.of("isoinfo", "-J", "-i", iso.toString(), "-x",
                "/openstack/latest/meta_data.json"));
        assertThat(metaData).contains("\"uuid\":\"" + build.instanceUuid() + "\"")
                .contains("\"name\":\"Train <GPT> & co\"").contains("\"hostname\":\"train-gpt-co\"")
                .contains("\"public_keys\":{\"my-key\":\"ssh-ed25519 AAAA me@laptop\"}")
                .contains("\"meta\":{\"team\":\"nlp\"}");
        assertThat(command.run(List.of("isoinfo", "-J", "-i", iso.toString(), "-x", "/openstack/latest/user_data")))
                .isEqualTo(userData);
        try (Stream<Path> files = Files.list(driver.files(build.instanceUuid()).directory())) {
            // No temporary file left beside the image.
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("disk.qcow2",
                    "config.iso");
        }
        assertThat(host.connect.domainLookupByUUID(build.instanceUuid()).getXMLDesc(0))
                .contains("<disk type='file' device='cdrom'>").contains(iso.toString());
    }

    @Test
    void badUserDataIsRefusedBeforeAnythingIsCreated() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        InstanceDriver driver = host.driver(true, Duration.ofSeconds(5));
        BuildInstance build = host.build(UUID.randomUUID(), flavor(2, Map.of()), List.of(),
                new BuildSpec("vm", host.image, null, null, "not base64 !!!", Map.of()));

        assertThatThrownBy(() -> driver.build(build, host.plan)).isInstanceOf(BuildRefusedException.class)
                .hasMessageContaining("user data is not valid base64");
        assertThat(driver.files(build.instanceUuid()).exists()).isFalse();
    }

    @Test
    void aLostConnectionIsUnavailableNotARefusal() throws Exception {
        host = SimulatedHost.open("a100-8x-2numa.xml", "a100-host", Map.of(), work);
        Connect closed = new Connect(host.uri);
        closed.close();
        InstanceDriver driver = new InstanceDriver(LibvirtConnection.of(closed), host.stateDir,
                new LocalImageDirectory(host.imagesDir), new QcowOverlay(),
                java.util.Optional.empty(), Duration.ofSeconds(1));
        BuildInstance build = host.build(flavor(2, Map.of()), List.of(host.claim("0000:17:00.0", 1)));

        assertThatThrownBy(() -> driver.build(build, host.plan)).isInstanceOf(LibvirtUnavailableException.class);
        assertThatThrownBy(() -> driver.delete(build.instanceUuid())).isInstanceOf(LibvirtUnavailableException.class);
    }
}
