package dev.socketsamples.compare.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The outcome of a check run as the JUnit XML that CI servers and report viewers read: one testsuite for the
 * server, one testcase per check, a failure with the hint as its message and what was sent and got as its text.
 * Written with the JDK's own XML writer, so that any text is escaped as XML wants.
 */
final class JunitReport {

    static final String CLASS_NAME = "compare.check";

    private JunitReport() {
    }

    static void write(Path file, String subject, List<Outcome> outcomes, Duration took) throws IOException {
        write(file, List.of(new Suite(subject, outcomes, took)));
    }

    /** One server's or client's outcomes, and how long they took in all. */
    record Suite(String subject, List<Outcome> outcomes, Duration took) {
    }

    /** One testsuite per suite: a single one as the root, several inside {@code testsuites} (a class's grading). */
    static void write(Path file, List<Suite> suites) throws IOException {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element root = suites.size() == 1 ? null : document.createElement("testsuites");
            if (root != null) {
                document.appendChild(root);
            }
            for (Suite each : suites) {
                Element suite = suite(document, each);
                (root == null ? document : root).appendChild(suite);
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            try (var writer = Files.newBufferedWriter(file)) {
                transformer.transform(new DOMSource(document), new StreamResult(writer));
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e, e);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element suite(Document document, Suite each) {
        List<Outcome> outcomes = each.outcomes();
        Element suite = document.createElement("testsuite");
        suite.setAttribute("name", "compare check " + each.subject());
        suite.setAttribute("tests", String.valueOf(outcomes.size()));
        suite.setAttribute("failures", String.valueOf(outcomes.stream().filter(Outcome::failed).count()));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", String.valueOf(outcomes.stream()
                .filter(outcome -> outcome.verdict() == Outcome.Verdict.SKIP).count()));
        suite.setAttribute("time", seconds(each.took()));
        for (Outcome outcome : outcomes) {
            Element testcase = document.createElement("testcase");
            testcase.setAttribute("classname", CLASS_NAME);
            testcase.setAttribute("name", outcome.label());
            testcase.setAttribute("time", seconds(outcome.took()));
            String detail = "sent " + outcome.sent() + "\ngot " + outcome.got();
            switch (outcome.verdict()) {
                case FAIL -> {
                    Element failure = document.createElement("failure");
                    failure.setAttribute("message", outcome.hint());
                    failure.setAttribute("type", outcome.label());
                    failure.setTextContent(detail);
                    testcase.appendChild(failure);
                }
                case SKIP -> {
                    Element skipped = document.createElement("skipped");
                    skipped.setAttribute("message", outcome.sent());
                    testcase.appendChild(skipped);
                }
                case PASS -> {
                    Element systemOut = document.createElement("system-out");
                    systemOut.setTextContent(detail);
                    testcase.appendChild(systemOut);
                }
            }
            suite.appendChild(testcase);
        }
        return suite;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }
}
