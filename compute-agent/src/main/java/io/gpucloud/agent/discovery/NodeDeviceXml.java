package io.gpucloud.agent.discovery;

import io.gpucloud.agent.host.GpuDevice;
import io.gpucloud.agent.host.GpuModels;
import io.gpucloud.agent.host.MdevType;
import io.gpucloud.agent.host.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.w3c.dom.Node;

/**
 * Reads one libvirt PCI node device ({@code virsh nodedev-dumpxml pci_0000_3b_00_0}):
 * <pre>{@code
 * <device>
 *   <name>pci_0000_3b_00_0</name>
 *   <capability type='pci'>
 *     <class>0x030200</class>
 *     <domain>0</domain> <bus>59</bus> <slot>0</slot> <function>0</function>
 *     <product id='0x20b5'>GA100 [A100 PCIe 80GB]</product>
 *     <vendor id='0x10de'>NVIDIA Corporation</vendor>
 *     <capability type='mdev_types'>
 *       <type id='nvidia-1153'><name>NVIDIA L40S-4Q</name><deviceAPI>vfio-pci</deviceAPI>
 *         <availableInstances>12</availableInstances></type>
 *     </capability>
 *     <iommuGroup number='17'>...</iommuGroup>
 *     <numa node='1'/>
 *   </capability>
 * </device>
 * }</pre>
 */
final class NodeDeviceXml {

    private final Xml xml = new Xml();

    /**
     * What this node device is to discovery: a GPU, a virtual function of one (whose mdev types belong to its GPU),
     * or nothing (another vendor, an NVSwitch or audio function, a device without PCI capability).
     */
    Optional<NvidiaFunction> read(String deviceXml) {
        Node device = Xml.parse(deviceXml);
        String name = xml.text(device, "name").orElse("<unnamed>");
        List<Node> pciCapabilities = xml.nodes(device, "capability[@type='pci']");
        if (pciCapabilities.isEmpty()) {
            return Optional.empty();
        }
        Node pci = pciCapabilities.get(0);
        String what = "node device " + name;
        int vendor = xml.requiredInteger(pci, "vendor/@id", what);
        int product = xml.requiredInteger(pci, "product/@id", what);
        // Older libvirt leaves <class> out; such a device cannot be told apart from an NVIDIA audio function.
        int pciClass = xml.integer(pci, "class").orElse(0);
        if (!GpuModels.isNvidiaGpu(vendor, pciClass)) {
            return Optional.empty();
        }
        List<Node> physicalFunction = xml.nodes(pci, "capability[@type='phys_function']/address");
        if (!physicalFunction.isEmpty()) {
            Node parent = physicalFunction.get(0);
            return Optional.of(new NvidiaFunction.VirtualFunction(new PciAddress(
                    xml.requiredInteger(parent, "@domain", what), xml.requiredInteger(parent, "@bus", what),
                    xml.requiredInteger(parent, "@slot", what), xml.requiredInteger(parent, "@function", what)),
                    mdevTypes(pci)));
        }
        PciAddress address = new PciAddress(
                xml.requiredInteger(pci, "domain", what),
                xml.requiredInteger(pci, "bus", what),
                xml.requiredInteger(pci, "slot", what),
                xml.requiredInteger(pci, "function", what));
        OptionalInt numaNode = xml.integer(pci, "numa/@node");
        if (numaNode.isPresent() && numaNode.getAsInt() < 0) {
            numaNode = OptionalInt.empty();
        }
        OptionalInt iommuGroup = xml.integer(pci, "iommuGroup/@number");
        return Optional.of(new NvidiaFunction.Gpu(
                GpuDevice.fromPci(address, vendor, product, numaNode, iommuGroup, mdevTypes(pci))));
    }

    private List<MdevType> mdevTypes(Node pci) {
        List<MdevType> types = new ArrayList<>();
        for (Node type : xml.nodes(pci, "capability[@type='mdev_types']/type")) {
            String id = xml.text(type, "@id").orElseThrow(() -> new DiscoveryException("mdev type without id"));
            types.add(new MdevType(id, xml.text(type, "name").orElse(id),
                    xml.integer(type, "availableInstances").orElse(0)));
        }
        return types;
    }
}
