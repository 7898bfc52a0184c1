package io.gpucloud.objectstorage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the small XML documents S3 requests carry (CreateBucketConfiguration, Delete,
 * CompleteMultipartUpload). Elements are matched by local name, with or without S3's namespace. DOCTYPEs
 * are refused, so no entity can expand or reach a file; anything unreadable is MalformedXML.
 */
final class XmlBodies {

    private XmlBodies() {
    }

    static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw malformed();
        }
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the first child named {@code localName}, or null. */
    static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }

    static void requireRoot(Element root, String localName) {
        if (!localName.equals(root.getLocalName())) {
            throw malformed();
        }
    }

    static S3Exception malformed() {
        return new S3Exception(S3Error.MALFORMED_XML,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }
}
