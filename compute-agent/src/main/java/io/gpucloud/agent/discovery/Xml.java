package io.gpucloud.agent.discovery;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The few DOM/XPath reads the libvirt XML parsers need, over the JDK's parser with DTDs and entities off. */
final class Xml {

    private final XPath xpath = XPathFactory.newDefaultInstance().newXPath();

    static Node parse(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DiscoveryException("libvirt returned XML that does not parse: " + e.getMessage(), e);
        }
    }

    /** The trimmed text of the first match, or empty when nothing matches or the text is blank. */
    Optional<String> text(Node context, String expression) {
        try {
            String value = (String) xpath.evaluate(expression, context, XPathConstants.STRING);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("bad XPath " + expression, e);
        }
    }

    /** An integer in decimal or 0x-hex (libvirt writes both), or empty when absent. */
    OptionalInt integer(Node context, String expression) {
        Optional<String> value = text(context, expression);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.decode(value.get()));
        } catch (NumberFormatException e) {
            throw new DiscoveryException("expected a number at " + expression + ", got '" + value.get() + "'", e);
        }
    }

    int requiredInteger(Node context, String expression, String what) {
        OptionalInt value = integer(context, expression);
        if (value.isEmpty()) {
            throw new DiscoveryException(what + " has no " + expression);
        }
        return value.getAsInt();
    }

    List<Node> nodes(Node context, String expression) {
        try {
            NodeList list = (NodeList) xpath.evaluate(expression, context, XPathConstants.NODESET);
            List<Node> nodes = new ArrayList<>(list.getLength());
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
            return nodes;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("bad XPath " + expression, e);
        }
    }

    boolean exists(Node context, String expression) {
        return !nodes(context, expression).isEmpty();
    }
}
