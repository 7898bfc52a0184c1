package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.PciAddress;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a guest's libvirt domain XML (a q35 guest, KVM or QEMU's TCG; the test driver accepts the KVM XML). Built as a
 * DOM and serialized by the JDK, so names and metadata from users are always escaped, never pasted into markup.
 *
 * <p>Our own bookkeeping goes into {@code <metadata>} under {@link #NAMESPACE}: which Placement provider each GPU and
 * mediated device came from (so the agent can tell later which devices its guests hold) and the server's labels.
 */
public final class DomainXmlWriter {

    /** Namespace of the agent's {@code <metadata>} element; bump the trailing version on incompatible changes. */
    public static final String NAMESPACE = "https://gpucloud.io/xmlns/compute-agent/instance/1";
    static final String PREFIX = "gpucloud:";

    /** A KVM guest. */
    public String write(GuestSpec spec) {
        return write(spec, DomainType.KVM);
    }

    public String write(GuestSpec spec, DomainType type) {
        Document document = newDocument();
        Element domain = document.createElement("domain");
        document.appendChild(domain);
        domain.setAttribute("type", type.xmlName());
        text(domain, "name", spec.domainName());
        text(domain, "uuid", spec.uuid().toString());
        metadata(domain, spec);
        text(domain, "memory", Long.toString(spec.memoryMb())).setAttribute("unit", "MiB");
        text(domain, "vcpu", Integer.toString(spec.vcpus())).setAttribute("placement", "static");
        spec.pinning().ifPresent(pinning -> pinning(domain, pinning));

        Element os = child(domain, "os");
        Element osType = text(os, "type", "hvm");
        osType.setAttribute("arch", "x86_64");
        osType.setAttribute("machine", "q35");
        spec.kernelBoot().ifPresentOrElse(boot -> kernelBoot(os, boot),
                () -> child(os, "boot").setAttribute("dev", "hd"));
        Element features = child(domain, "features");
        child(features, "acpi");
        child(features, "apic");
        // KVM: the guest sees the host's CPU model, since CUDA and NCCL pick code paths by CPU features. TCG cannot
        // pass the host CPU through; "maximum" (-cpu max) emulates all it can, so distributions that need more than
        // the default qemu64 model (x86-64-v2 and up) still boot.
        child(domain, "cpu").setAttribute("mode", type == DomainType.KVM ? "host-passthrough" : "maximum");
        text(domain, "on_poweroff", "destroy");
        text(domain, "on_reboot", "restart");
        text(domain, "on_crash", "destroy");

        Element devices = child(domain, "devices");
        disk(devices, "disk", "qcow2", spec.files().rootDisk().toString(), "vda", "virtio", false);
        spec.files().configDrive().ifPresent(iso -> disk(devices, "cdrom", "raw", iso.toString(), "sda", "sata", true));
        spec.passthroughGpus().forEach(gpu -> pciHostdev(devices, gpu.address()));
        spec.mediatedGpus().forEach(mdev -> mdevHostdev(devices, mdev));
        console(devices, spec.files().consoleLog().toString());
        return serialize(document);
    }

    private static void metadata(Element domain, GuestSpec spec) {
        Element instance = domain.getOwnerDocument().createElementNS(NAMESPACE, PREFIX + "instance");
        child(domain, "metadata").appendChild(instance);
        GuestLabels labels = spec.labels();
        labels.name().ifPresent(name -> ours(instance, "name").setTextContent(clean(name)));
        labels.projectId().ifPresent(project -> ours(instance, "project").setAttribute("id", clean(project)));
        labels.userId().ifPresent(user -> ours(instance, "user").setAttribute("id", clean(user)));
        Element flavor = ours(instance, "flavor");
        flavor.setAttribute("name", clean(labels.flavorName()));
        flavor.setAttribute("vcpus", Integer.toString(spec.vcpus()));
        flavor.setAttribute("ram-mb", Long.toString(spec.memoryMb()));
        for (PassthroughGpu gpu : spec.passthroughGpus()) {
            Element element = ours(instance, "gpu");
            element.setAttribute("provider", clean(gpu.providerName()));
            element.setAttribute("address", gpu.address().toString());
        }
        for (MediatedGpu mdev : spec.mediatedGpus()) {
            Element element = ours(instance, "mdev");
            element.setAttribute("provider", clean(mdev.providerName()));
            element.setAttribute("parent", mdev.parent().toString());
            element.setAttribute("type", clean(mdev.typeId()));
            element.setAttribute("uuid", mdev.uuid().toString());
        }
    }

    /** QEMU loads kernel and initramfs itself; no boot order then, the firmware does not look at the disks. */
    private static void kernelBoot(Element os, KernelBoot boot) {
        text(os, "kernel", boot.kernel().toString());
        boot.ramdisk().ifPresent(ramdisk -> text(os, "initrd", ramdisk.toString()));
        text(os, "cmdline", clean(boot.commandLine()));
    }

    private static void pinning(Element domain, CpuPinning pinning) {
        Element cputune = child(domain, "cputune");
        for (int vcpu = 0; vcpu < pinning.hostCpus().size(); vcpu++) {
            Element pin = child(cputune, "vcpupin");
            pin.setAttribute("vcpu", Integer.toString(vcpu));
            pin.setAttribute("cpuset", Integer.toString(pinning.hostCpus().get(vcpu)));
        }
        Element memory = child(child(domain, "numatune"), "memory");
        memory.setAttribute("mode", "strict");
        memory.setAttribute("nodeset", pinning.nodeset());
    }

    private static void disk(Element devices, String device, String format, String file, String target, String bus,
            boolean readOnly) {
        Element disk = child(devices, "disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", device);
        Element driver = child(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", format);
        child(disk, "source").setAttribute("file", file);
        Element targetElement = child(disk, "target");
        targetElement.setAttribute("dev", target);
        targetElement.setAttribute("bus", bus);
        if (readOnly) {
            child(disk, "readonly");
        }
    }

    private static void pciHostdev(Element devices, PciAddress address) {
        Element hostdev = hostdev(devices, "pci");
        // managed: libvirt detaches the GPU from its host driver (to vfio-pci) on start and gives it back on stop.
        hostdev.setAttribute("managed", "yes");
        Element source = child(child(hostdev, "source"), "address");
        source.setAttribute("domain", String.format(Locale.ROOT, "0x%04x", address.domain()));
        source.setAttribute("bus", String.format(Locale.ROOT, "0x%02x", address.bus()));
        source.setAttribute("slot", String.format(Locale.ROOT, "0x%02x", address.slot()));
        source.setAttribute("function", String.format(Locale.ROOT, "0x%x", address.function()));
    }

    private static void mdevHostdev(Element devices, MediatedGpu mdev) {
        Element hostdev = hostdev(devices, "mdev");
        hostdev.setAttribute("model", "vfio-pci");
        child(child(hostdev, "source"), "address").setAttribute("uuid", mdev.uuid().toString());
    }

    private static Element hostdev(Element devices, String type) {
        Element hostdev = child(devices, "hostdev");
        hostdev.setAttribute("mode", "subsystem");
        hostdev.setAttribute("type", type);
        return hostdev;
    }

    /** The serial port logs to a file (no console server needed), and the console is that serial port. */
    private static void console(Element devices, String logFile) {
        Element serial = child(devices, "serial");
        serial.setAttribute("type", "file");
        child(serial, "source").setAttribute("path", logFile);
        child(serial, "target").setAttribute("port", "0");
        Element console = child(devices, "console");
        console.setAttribute("type", "file");
        child(console, "source").setAttribute("path", logFile);
        Element target = child(console, "target");
        target.setAttribute("type", "serial");
        target.setAttribute("port", "0");
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static Element text(Element parent, String name, String value) {
        Element element = child(parent, name);
        element.setTextContent(value);
        return element;
    }

    private static Element ours(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(NAMESPACE, PREFIX + name);
        parent.appendChild(element);
        return element;
    }

    /**
     * XML 1.0 cannot carry most control characters even escaped, and libvirt would reject the document; user text is
     * informational here, so such characters become spaces.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            out.appendCodePoint(allowed ? cp : ' ');
        });
        return out.toString();
    }

    // A DocumentBuilder and a Transformer take longer to create (parser configuration, XSLTC set-up) than to use on
    // a 2 KiB document, and neither is thread-safe: one of each per build thread.
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no DOM implementation", e);
        }
    });

    private static final ThreadLocal<Transformer> SERIALIZERS = ThreadLocal.withInitial(() -> {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK has no XML serializer", e);
        }
    });

    private static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    private static String serialize(Document document) {
        try {
            StringWriter out = new StringWriter();
            SERIALIZERS.get().transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize domain XML", e);
        }
    }
}
