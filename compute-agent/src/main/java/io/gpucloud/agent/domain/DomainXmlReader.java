package io.gpucloud.agent.domain;

import io.gpucloud.agent.host.PciAddress;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads what a domain holds from the XML libvirt gives back ({@code virDomainGetXMLDesc}), for any domain on the
 * host, the agent's or not. Parsed with the JDK's DOM, DTDs and external entities off.
 */
public final class DomainXmlReader {

    public DomainDescription read(String xml) {
        Element domain = parse(xml);
        UUID uuid = UUID.fromString(childText(domain, "uuid"));
        String name = childText(domain, "name");
        Set<PciAddress> pci = new HashSet<>();
        Set<UUID> mdevs = new HashSet<>();
        for (Element devices : children(domain, "devices")) {
            for (Element hostdev : children(devices, "hostdev")) {
                for (Element source : children(hostdev, "source")) {
                    for (Element address : children(source, "address")) {
                        if ("pci".equals(hostdev.getAttribute("type"))) {
                            pci.add(pciAddress(address));
                        } else if ("mdev".equals(hostdev.getAttribute("type"))) {
                            mdevs.add(UUID.fromString(address.getAttribute("uuid")));
                        }
                    }
                }
            }
        }
        Set<Integer> pinned = new HashSet<>();
        for (Element cputune : children(domain, "cputune")) {
            for (Element pin : children(cputune, "vcpupin")) {
                pinned.addAll(CpuSet.parse(pin.getAttribute("cpuset")));
            }
        }
        boolean ours = false;
        List<MediatedGpu> mediated = new ArrayList<>();
        for (Element metadata : children(domain, "metadata")) {
            NodeList instances = metadata.getElementsByTagNameNS(DomainXmlWriter.NAMESPACE, "instance");
            ours |= instances.getLength() > 0;
            NodeList records = metadata.getElementsByTagNameNS(DomainXmlWriter.NAMESPACE, "mdev");
            for (int i = 0; i < records.getLength(); i++) {
                Element record = (Element) records.item(i);
                mediated.add(new MediatedGpu(record.getAttribute("provider"),
                        PciAddress.parse(record.getAttribute("parent")), record.getAttribute("type"),
                        UUID.fromString(record.getAttribute("uuid"))));
            }
        }
        return new DomainDescription(uuid, name, ours, pci, mdevs, mediated, pinned);
    }

    private static PciAddress pciAddress(Element address) {
        return new PciAddress(number(address, "domain"), number(address, "bus"), number(address, "slot"),
                number(address, "function"));
    }

    private static int number(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.decode(value);
    }

    private static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("domain XML has no <" + name + ">");
        }
        return found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getNamespaceURI() == null
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** Any libvirt XML (domain, capabilities) as DOM, DTDs and external entities off. */
    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("libvirt XML does not parse: " + e.getMessage(), e);
        }
    }
}
