package dev.socketsamples.compare.timeline;

import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.compare.timeline.Span.Kind;
import dev.socketsamples.compare.timeline.Span.Lane;
import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.SampleFailure;
import dev.socketsamples.shared.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Runs one server against the scripted clients under Java Flight Recorder and turns what its threads did into spans.
 *
 * <p>Socket reads and writes come from {@code jdk.SocketRead} and {@code jdk.SocketWrite}, whose port is the
 * client's: JDK 25 emits them for blocking sockets on platform and virtual threads and for the selector's
 * non-blocking channels, but not for {@code AsynchronousSocketChannel}. For the async servers the reads and writes
 * are therefore the console lines, stamped with the thread that printed them, and the client is the one whose
 * message has the length read or sent. Waiting is {@code jdk.ThreadPark} (a pool thread waiting for work, a listener
 * waiting on {@code allDone}, a carrier with no virtual thread to run) and {@code jdk.ThreadSleep}; a virtual thread's
 * life is {@code jdk.VirtualThreadStart} to {@code jdk.VirtualThreadEnd}.
 */
public final class Recorder {

    private static final List<String> EVENTS = List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadPark",
            "jdk.ThreadSleep", "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd");
    private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");
    private static final Pattern READ_LINE = Pattern.compile("Read (\\d+) bytes from socket\\.");
    private static final Pattern SENT_LINE = Pattern.compile("Sent (\\d+) bytes to client\\.");

    private Recorder() {
    }

    /** A console line as the server printed it: when, on which thread. */
    private record Line(Instant at, String thread, boolean virtual, String text) {
    }

    /** Starts {@code kind}, runs the clients against it while recording, stops it, and returns the spans. */
    public static List<Span> record(ServerKind kind) throws SampleFailure, IOException, InterruptedException {
        List<Line> lines = new ArrayList<>();
        ScriptedClients clients = new ScriptedClients();
        Path file = Files.createTempFile("timeline-", ".jfr");
        Instant origin;
        try (Recording recording = new Recording()) {
            for (String event : EVENTS) {
                recording.enable(event).withThreshold(Duration.ZERO).withoutStackTrace();
            }
            recording.start();
            ServerConfig config = ServerConfig.loopback().withConsole(text -> {
                Thread thread = Thread.currentThread();
                synchronized (lines) {
                    lines.add(new Line(Instant.now(), thread.getName(), thread.isVirtual(), text));
                }
            });
            try (EchoServer server = kind.start(config)) {
                origin = Instant.now();
                clients.run(server.port());
            }
            recording.stop();
            recording.dump(file);
        }
        try {
            return spans(RecordingFile.readAllEvents(file), lines, clients.clientByPort(), origin);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Span> spans(List<RecordedEvent> events, List<Line> lines, Map<Integer, Integer> clientByPort,
                                    Instant origin) {
        String recorderThread = Thread.currentThread().getName();
        List<Span> spans = new ArrayList<>();
        Map<String, Lane> lanes = new HashMap<>();
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            RecordedThread thread = event.getThread();
            if ((type.equals("jdk.SocketRead") || type.equals("jdk.SocketWrite")) && thread != null
                    && clientByPort.containsKey(event.getInt("port"))) {
                Lane lane = thread.isVirtual() ? Lane.VIRTUAL : Lane.PLATFORM;
                lanes.put(name(thread), lane);
                spans.add(span(event, lane, type.equals("jdk.SocketRead") ? Kind.READ : Kind.WRITE,
                        clientByPort.get(event.getInt("port")), origin));
            }
        }
        boolean socketEvents = !spans.isEmpty();
        for (Line line : lines) {
            if (line.thread().equals(recorderThread) || line.at().isBefore(origin)) {
                continue; // the server's start-up lines, printed by whoever started it
            }
            Lane lane = line.virtual() ? Lane.VIRTUAL : Lane.PLATFORM;
            lanes.putIfAbsent(line.thread(), lane);
            String text = line.text().replaceFirst("^\\[[^]]*] ", "");
            Matcher read = READ_LINE.matcher(text);
            Matcher sent = SENT_LINE.matcher(text);
            long at = micros(origin, line.at());
            if (!socketEvents && read.matches()) {
                int client = ScriptedClients.clientOfLength(Integer.parseInt(read.group(1)));
                spans.add(new Span(line.thread(), lane, Kind.READ, client, at, at, "console"));
            } else if (!socketEvents && sent.matches()) {
                int client = ScriptedClients.clientOfLength(Integer.parseInt(sent.group(1)));
                spans.add(new Span(line.thread(), lane, Kind.WRITE, client, at, at, "console"));
            } else {
                spans.add(new Span(line.thread(), lane, Kind.MARK, -1, at, at,
                        "console"));
            }
        }
        Map<String, Set<Integer>> clientsOfLane = new HashMap<>();
        for (Span span : spans) {
            if (span.client() >= 0) {
                clientsOfLane.computeIfAbsent(span.lane(), lane -> new HashSet<>()).add(span.client());
            }
        }
        Map<String, Instant> started = new HashMap<>();
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            RecordedThread thread = event.getThread();
            if (thread == null) {
                continue;
            }
            String lane = name(thread);
            if (type.equals("jdk.VirtualThreadStart")) {
                started.put(lane, event.getStartTime());
            } else if (type.equals("jdk.VirtualThreadEnd") && lanes.containsKey(lane)) {
                Instant start = started.getOrDefault(lane, origin);
                spans.add(new Span(lane, Lane.VIRTUAL, Kind.ALIVE, onlyClient(clientsOfLane.get(lane)),
                        micros(origin, start), micros(origin, event.getEndTime()), type));
            } else if (type.equals("jdk.ThreadPark") || type.equals("jdk.ThreadSleep")) {
                boolean carrier = CARRIER.matcher(lane).matches() && !lanes.isEmpty()
                        && lanes.containsValue(Lane.VIRTUAL);
                if (carrier) {
                    lanes.putIfAbsent(lane, Lane.CARRIER);
                }
                if ((carrier || lanes.containsKey(lane)) && !event.getEndTime().isBefore(origin)) {
                    spans.add(span(event, lanes.get(lane), Kind.WAIT, onlyClient(clientsOfLane.get(lane)), origin));
                }
            }
        }
        spans.sort(Comparator.comparingLong(Span::startMicros));
        return spans;
    }

    /** A lane that served one client only (a virtual thread) waits on that client's behalf. */
    private static int onlyClient(Set<Integer> clients) {
        return clients != null && clients.size() == 1 ? clients.iterator().next() : -1;
    }

    private static String name(RecordedThread thread) {
        String name = thread.getJavaName();
        return name == null || name.isEmpty() ? "virtual-" + thread.getJavaThreadId() : name;
    }

    private static Span span(RecordedEvent event, Lane lane, Kind kind, int client, Instant origin) {
        return new Span(name(event.getThread()), lane, kind, client, Math.max(0, micros(origin, event.getStartTime())),
                micros(origin, event.getEndTime()), event.getEventType().getName());
    }

    private static long micros(Instant origin, Instant at) {
        return Duration.between(origin, at).toNanos() / 1000;
    }
}
