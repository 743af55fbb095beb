package dev.mixguard.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What pom.xml says a build writes: the default build into {@code target/} and each profile with a build
 * directory of its own (the gpu profile's {@code target-gpu/}), with the ONNX Runtime jar file that each one puts
 * into {@code quarkus-app/lib/main/}.
 */
final class PomFacts {

    private static final String ORT_GROUP = "com.microsoft.onnxruntime";

    private PomFacts() {
    }

    /** ONNX Runtime jar file name by build output folder, e.g. {@code target-gpu} to its onnxruntime_gpu jar. */
    static Map<String, String> ortJarByOutput(Path pom) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("expected a readable pom.xml at " + pom + ", found " + e.getMessage(), e);
        }
        Element project = doc.getDocumentElement();
        Element properties = child(project, "properties");
        String version = text(properties, "onnxruntime.version");
        Map<String, String> jars = new TreeMap<>();
        jars.put("target", jar(text(properties, "onnxruntime.artifact"), version));
        NodeList profiles = doc.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            String directory = text(child(profile, "build"), "directory");
            if (!directory.isEmpty()) {
                String artifact = text(child(profile, "properties"), "onnxruntime.artifact");
                jars.put(directory.replace("${project.basedir}/", ""),
                        jar(artifact.isEmpty() ? text(properties, "onnxruntime.artifact") : artifact, version));
            }
        }
        return jars;
    }

    private static String jar(String artifact, String version) {
        return ORT_GROUP + "." + artifact + "-" + version + ".jar";
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
