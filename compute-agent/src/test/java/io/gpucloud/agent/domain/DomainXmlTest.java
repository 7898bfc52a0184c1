package io.gpucloud.agent.domain;

import static io.gpucloud.agent.domain.Hosts.A100_ADDRESSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpucloud.agent.host.PciAddress;
import io.gpucloud.agent.inventory.HostPlan;
import io.gpucloud.common.messaging.contract.BuildInstance;
import io.gpucloud.common.messaging.contract.BuildInstance.ClaimedGpu;
import io.gpucloud.common.messaging.contract.BuildSpec;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Domain XML as written from a planned guest, read with XPath and with the agent's own reader. */
class DomainXmlTest {

    private final GuestPlanner planner = new GuestPlanner();
    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final DomainXmlReader reader = new DomainXmlReader();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void passesThroughEveryClaimedGpuByPciAddress(int count) throws Exception {
        HostPlan plan = Hosts.a100();
        List<ClaimedGpu> claims = A100_ADDRESSES.subList(0, count).stream()
                .map(address -> Hosts.claim(Hosts.slot(plan, address), 1)).toList();
        BuildInstance build = Hosts.build(plan, Hosts.flavor(8, Map.of()), claims);

        String xml = writer.write(planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES));

        Document doc = parse(xml);
        assertThat(text(doc, "/domain/@type")).isEqualTo("kvm");
        assertThat(text(doc, "/domain/name")).isEqualTo("instance-" + build.instanceUuid());
        assertThat(text(doc, "/domain/uuid")).isEqualTo(build.instanceUuid().toString());
        assertThat(text(doc, "/domain/vcpu")).isEqualTo("8");
        assertThat(text(doc, "/domain/memory")).isEqualTo("8192");
        assertThat(text(doc, "/domain/memory/@unit")).isEqualTo("MiB");
        NodeList hostdevs = nodes(doc, "/domain/devices/hostdev[@mode='subsystem' and @type='pci' and @managed='yes']");
        assertThat(hostdevs.getLength()).isEqualTo(count);
        assertThat(text(doc, "/domain/devices/hostdev[1]/source/address/@bus")).isEqualTo("0x17");
        assertThat(text(doc, "/domain/devices/hostdev[1]/source/address/@domain")).isEqualTo("0x0000");
        assertThat(text(doc, "/domain/devices/hostdev[1]/source/address/@slot")).isEqualTo("0x00");
        assertThat(text(doc, "/domain/devices/hostdev[1]/source/address/@function")).isEqualTo("0x0");
        assertThat(nodes(doc, "/domain/cputune").getLength()).isZero();
        assertThat(nodes(doc, "/domain/numatune").getLength()).isZero();
        assertThat(text(doc, "/domain/devices/disk[@device='disk']/source/@file"))
                .isEqualTo("/state/instances/x/disk.qcow2");
        assertThat(text(doc, "/domain/devices/disk[@device='disk']/driver/@type")).isEqualTo("qcow2");
        assertThat(text(doc, "/domain/devices/disk[@device='cdrom']/source/@file"))
                .isEqualTo("/state/instances/x/config.iso");
        assertThat(nodes(doc, "/domain/devices/disk[@device='cdrom']/readonly").getLength()).isEqualTo(1);
        assertThat(text(doc, "/domain/devices/serial[@type='file']/source/@path"))
                .isEqualTo("/state/instances/x/console.log");
        assertThat(text(doc, "/domain/devices/console[@type='file']/target/@type")).isEqualTo("serial");

        DomainDescription description = reader.read(xml);
        assertThat(description.ours()).isTrue();
        assertThat(description.pciDevices()).containsExactlyInAnyOrderElementsOf(
                A100_ADDRESSES.subList(0, count).stream().map(PciAddress::parse).toList());
        assertThat(description.mdevUuids()).isEmpty();
    }

    @Test
    void mediatedSlicesAreMdevHostdevsWithTheirParentsInTheMetadata() throws Exception {
        HostPlan plan = Hosts.l40s();
        BuildInstance build = Hosts.build(plan, Hosts.flavor(4, Map.of()),
                List.of(Hosts.claim(Hosts.slot(plan, "0000:01:00.0"), 2),
                        Hosts.claim(Hosts.slot(plan, "0000:81:00.0"), 1)));

        GuestSpec spec = planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES);
        String xml = writer.write(spec);

        Document doc = parse(xml);
        assertThat(nodes(doc, "/domain/devices/hostdev[@type='pci']").getLength()).isZero();
        NodeList mdevs = nodes(doc, "/domain/devices/hostdev[@mode='subsystem' and @type='mdev' and @model='vfio-pci']");
        assertThat(mdevs.getLength()).isEqualTo(3);
        List<UUID> uuids = spec.mediatedGpus().stream().map(MediatedGpu::uuid).toList();
        assertThat(uuids).doesNotHaveDuplicates();
        assertThat(text(doc, "/domain/devices/hostdev[1]/source/address/@uuid")).isEqualTo(uuids.get(0).toString());
        assertThat(spec.mediatedGpus()).extracting(mdev -> mdev.parent().toString(), MediatedGpu::typeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0000:01:00.0", "nvidia-1153"),
                        org.assertj.core.groups.Tuple.tuple("0000:01:00.0", "nvidia-1153"),
                        org.assertj.core.groups.Tuple.tuple("0000:81:00.0", "nvidia-1153"));
        // Derived from instance and provider: a redelivered build names the same devices.
        assertThat(planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES).mediatedGpus())
                .isEqualTo(spec.mediatedGpus());

        DomainDescription description = reader.read(xml);
        assertThat(description.mdevUuids()).containsExactlyInAnyOrderElementsOf(uuids);
        assertThat(description.mediatedGpus()).isEqualTo(spec.mediatedGpus());
    }

    @Test
    void dedicatedCpusArePinnedOnTheGpusNumaNodeWithStrictMemory() throws Exception {
        HostPlan plan = Hosts.a100();
        BuildInstance build = Hosts.build(plan, Hosts.flavor(4, Map.of("hw:cpu_policy", "dedicated")),
                List.of(Hosts.claim(Hosts.slot(plan, "0000:98:00.0"), 1),
                        Hosts.claim(Hosts.slot(plan, "0000:b1:00.0"), 1)));

        String xml = writer.write(planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES));

        Document doc = parse(xml);
        NodeList pins = nodes(doc, "/domain/cputune/vcpupin");
        assertThat(pins.getLength()).isEqualTo(4);
        assertThat(text(doc, "/domain/cputune/vcpupin[1]/@vcpu")).isEqualTo("0");
        // Node 1 of the hand-built host starts at CPU 40 (interleaved numbering).
        assertThat(text(doc, "/domain/cputune/vcpupin[1]/@cpuset")).isEqualTo("40");
        assertThat(text(doc, "/domain/cputune/vcpupin[4]/@cpuset")).isEqualTo("43");
        assertThat(text(doc, "/domain/numatune/memory/@mode")).isEqualTo("strict");
        assertThat(text(doc, "/domain/numatune/memory/@nodeset")).isEqualTo("1");
        assertThat(reader.read(xml).pinnedCpus()).containsExactlyInAnyOrder(40, 41, 42, 43);
    }

    @Test
    void userValuesAreEscapedNeverMarkup() throws Exception {
        HostPlan plan = Hosts.a100();
        String evil = "x</name><devices><hostdev/></devices>&amp;'\"\u0001";
        BuildInstance build = Hosts.build(UUID.randomUUID(), plan.host(), Hosts.flavor(2, Map.of()), List.of(), evil);

        String xml = writer.write(planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES));

        Document doc = parse(xml);
        assertThat(nodes(doc, "//hostdev").getLength()).isZero();
        assertThat(nodes(doc, "/domain/devices").getLength()).isEqualTo(1);
        assertThat(text(doc, "/domain/metadata/*[local-name()='instance']/*[local-name()='name']"))
                .isEqualTo("x</name><devices><hostdev/></devices>&amp;'\" ");
        assertThat(text(doc, "/domain/name")).isEqualTo("instance-" + build.instanceUuid());
    }

    @Test
    void kernelAndRamdiskImagesBootTheKernelDirectlyWithTheImagesCommandLine() throws Exception {
        HostPlan plan = Hosts.a100();
        UUID kernel = UUID.randomUUID();
        UUID ramdisk = UUID.randomUUID();
        BuildInstance build = withImageProperties(plan, Map.of("kernel_id", kernel.toString(), "ramdisk_id",
                ramdisk.toString(), "os_command_line", "console=ttyS0 quiet <&>"));

        GuestSpec spec = planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES);
        String xml = writer.write(spec);

        assertThat(spec.kernelBoot()).hasValueSatisfying(boot -> {
            assertThat(boot.kernelImage()).isEqualTo(kernel);
            assertThat(boot.ramdiskImage()).contains(ramdisk);
        });
        Document doc = parse(xml);
        assertThat(text(doc, "/domain/os/kernel")).isEqualTo("/state/instances/x/kernel");
        assertThat(text(doc, "/domain/os/initrd")).isEqualTo("/state/instances/x/ramdisk");
        assertThat(text(doc, "/domain/os/cmdline")).isEqualTo("console=ttyS0 quiet <&>");
        assertThat(xml).contains("<cmdline>console=ttyS0 quiet &lt;&amp;&gt;</cmdline>");
        assertThat(nodes(doc, "/domain/os/boot").getLength()).isZero();
        // The root disk is still attached.
        assertThat(text(doc, "/domain/devices/disk[@device='disk']/source/@file"))
                .isEqualTo("/state/instances/x/disk.qcow2");
    }

    @Test
    void aKernelAloneBootsWithTheSerialConsoleAsCommandLine() throws Exception {
        HostPlan plan = Hosts.a100();
        BuildInstance build = withImageProperties(plan, Map.of("kernel_id", UUID.randomUUID().toString(),
                "os_command_line", "  "));

        Document doc = parse(writer.write(planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES)));

        assertThat(text(doc, "/domain/os/kernel")).isEqualTo("/state/instances/x/kernel");
        assertThat(nodes(doc, "/domain/os/initrd").getLength()).isZero();
        assertThat(text(doc, "/domain/os/cmdline")).isEqualTo("console=ttyS0");
    }

    @Test
    void withoutAKernelImageTheGuestBootsFromItsDisk() throws Exception {
        HostPlan plan = Hosts.a100();
        BuildInstance build = withImageProperties(plan, Map.of("os_command_line", "console=ttyS0",
                "hw_disk_bus", "virtio"));

        GuestSpec spec = planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES);
        Document doc = parse(writer.write(spec));

        assertThat(spec.kernelBoot()).isEmpty();
        assertThat(text(doc, "/domain/os/boot/@dev")).isEqualTo("hd");
        assertThat(nodes(doc, "/domain/os/kernel | /domain/os/initrd | /domain/os/cmdline").getLength()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel_id=vmlinuz", "kernel_id=1-2-3-4-5", "ramdisk_id=ok"})
    void badKernelImagePropertiesRefuseTheBuild(String property) {
        HostPlan plan = Hosts.a100();
        String[] keyValue = property.split("=");
        String value = keyValue[1].equals("ok") ? UUID.randomUUID().toString() : keyValue[1];
        BuildInstance build = withImageProperties(plan, Map.of(keyValue[0], value));

        assertThatThrownBy(() -> planner.plan(build, plan, new DevicesInUse(List.of()), Hosts.FILES))
                .isInstanceOf(BuildRefusedException.class)
                .hasMessage(keyValue[0].equals("kernel_id")
                        ? "image property kernel_id is not an image uuid: '" + value + "'"
                        : "the image names a ramdisk (ramdisk_id) but no kernel (kernel_id)");
    }

    @Test
    void kvmGuestsSeeTheHostCpuAndTcgGuestsTheMostQemuEmulates() throws Exception {
        HostPlan plan = Hosts.a100();
        GuestSpec spec = planner.plan(Hosts.build(plan, Hosts.flavor(2, Map.of()), List.of()), plan,
                new DevicesInUse(List.of()), Hosts.FILES);

        Document kvm = parse(writer.write(spec, DomainType.KVM));
        Document tcg = parse(writer.write(spec, DomainType.QEMU));

        assertThat(text(kvm, "/domain/@type")).isEqualTo("kvm");
        assertThat(text(kvm, "/domain/cpu/@mode")).isEqualTo("host-passthrough");
        assertThat(text(tcg, "/domain/@type")).isEqualTo("qemu");
        assertThat(text(tcg, "/domain/cpu/@mode")).isEqualTo("maximum");
        assertThat(writer.write(spec)).isEqualTo(writer.write(spec, DomainType.KVM));
    }

    private static BuildInstance withImageProperties(HostPlan plan, Map<String, String> properties) {
        return new BuildInstance(UUID.randomUUID(), "project-1", "user-1", plan.host(), UUID.randomUUID(), 1,
                Map.of(), List.of(), Hosts.flavor(1, Map.of()), properties,
                new BuildSpec("vm", UUID.randomUUID(), null, null, null, Map.of()), List.of());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document doc, String expression) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        return (String) xpath.evaluate(expression, doc, XPathConstants.STRING);
    }

    private static NodeList nodes(Document doc, String expression) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        return (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
    }
}
