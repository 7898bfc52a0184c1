package io.gpucloud.agent.domain;

import java.util.Locale;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What runs a guest: KVM (hardware virtualization, {@code /dev/kvm}) or QEMU's own emulator, TCG, which works
 * everywhere (a container without {@code /dev/kvm}, CI), only slower.
 */
public enum DomainType {

    KVM("kvm"),
    QEMU("qemu");

    private final String xmlName;

    DomainType(String xmlName) {
        this.xmlName = xmlName;
    }

    /** The value of {@code <domain type='...'>}. */
    public String xmlName() {
        return xmlName;
    }

    /** {@code kvm} or {@code qemu}, as in domain XML. */
    public static DomainType parse(String name) {
        for (DomainType type : values()) {
            if (type.xmlName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown domain type '" + name + "' (kvm or qemu)");
    }

    /**
     * The best type libvirt offers for x86_64 guests ({@code virConnectGetCapabilities}): KVM when it is usable,
     * else QEMU (TCG). Libvirt lists kvm only when {@code /dev/kvm} works, so this is the check QEMU itself makes.
     * When neither is listed (the test driver lists only "test", and accepts kvm XML), KVM.
     */
    public static DomainType fromCapabilities(String capabilitiesXml) {
        Element capabilities = DomainXmlReader.parse(capabilitiesXml);
        NodeList types;
        try {
            types = (NodeList) XPathFactory.newDefaultInstance().newXPath().evaluate(
                    "guest[arch/@name='x86_64']/arch/domain/@type", capabilities, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("bad XPath", e);
        }
        boolean qemu = false;
        for (int i = 0; i < types.getLength(); i++) {
            String type = types.item(i).getNodeValue();
            if (KVM.xmlName.equals(type)) {
                return KVM;
            }
            qemu |= QEMU.xmlName.equals(type);
        }
        return qemu ? QEMU : KVM;
    }
}
