package io.gpucloud.objectstorage.s3;

/**
 * Builds the small XML documents S3 answers with, escaping text as XML 1.0 needs. Characters XML cannot carry
 * literally (control characters in a key) are written as character references, as S3 does; clients that
 * cannot read those ask for {@code encoding-type=url}.
 */
final class XmlWriter {

    static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    /** Opens the document element in S3's namespace. */
    static XmlWriter document(String root) {
        XmlWriter writer = new XmlWriter();
        writer.xml.append('<').append(root).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
        return writer;
    }

    /** A document element without namespace (S3's error bodies have none). */
    static XmlWriter plainDocument(String root) {
        XmlWriter writer = new XmlWriter();
        writer.xml.append('<').append(root).append('>');
        return writer;
    }

    XmlWriter start(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    XmlWriter end(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing when {@code text} is null. */
    XmlWriter element(String name, Object text) {
        if (text != null) {
            xml.append('<').append(name).append('>');
            escape(String.valueOf(text));
            xml.append("</").append(name).append('>');
        }
        return this;
    }

    /** Text directly inside the element last opened. */
    XmlWriter text(String text) {
        escape(text);
        return this;
    }

    String finish(String root) {
        end(root);
        return xml.toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        xml.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        xml.append(c);
                    }
                }
            }
        }
    }
}
