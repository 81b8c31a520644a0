package dev.socketsamples.compare.timeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.socketsamples.shared.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same clients for every server: A connects first and types its message in three pieces; B to J send theirs
 * whole while A is still typing. Every message and piece has its own length, so a server's console line "Read N
 * bytes" tells whose bytes they were when no socket event does.
 */
final class ScriptedClients {

    static final int FAST_CLIENTS = 9;
    static final List<String> SLOW_PIECES = List.of("A is ", "typing ", "slowly" + Protocol.EOF);
    /** How long A pauses between its pieces: a person typing, not a way to wait for something. */
    static final Duration PAUSE = Duration.ofMillis(150);
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    /** The client each local port belongs to: 0 is A, 1 to 9 are B to J. */
    private final Map<Integer, Integer> clientByPort = new ConcurrentHashMap<>();

    static String name(int client) {
        return String.valueOf((char) ('A' + client));
    }

    /** B's message is 31 bytes long, C's 32, and so on: no length of A's pieces or whole message. */
    static byte[] fastMessage(int client) {
        String head = "client " + name(client) + " ";
        return (head + "x".repeat(30 + client - head.length() - Protocol.EOF.length()) + Protocol.EOF).getBytes(UTF_8);
    }

    /** The client whose message or piece is {@code length} bytes long, or -1. */
    static int clientOfLength(int length) {
        if (SLOW_PIECES.stream().anyMatch(piece -> piece.length() == length)
                || length == String.join("", SLOW_PIECES).length()) {
            return 0;
        }
        int client = length - 30;
        return client >= 1 && client <= FAST_CLIENTS ? client : -1;
    }

    Map<Integer, Integer> clientByPort() {
        return clientByPort;
    }

    /** Runs every client against {@code port} and returns when all have their echo. */
    void run(int port) throws IOException, InterruptedException {
        try (Socket slow = connect(port, 0)) {
            OutputStream toServer = slow.getOutputStream();
            toServer.write(SLOW_PIECES.get(0).getBytes(UTF_8));
            List<Thread> fast = new ArrayList<>();
            List<IOException> failures = new ArrayList<>();
            for (int client = 1; client <= FAST_CLIENTS; client++) {
                int which = client;
                // Platform threads, so the carriers in the picture carry only the server's virtual threads.
                fast.add(Thread.ofPlatform().name("timeline-client-" + name(which)).start(() -> {
                    try (Socket socket = connect(port, which)) {
                        socket.getOutputStream().write(fastMessage(which));
                        socket.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (String piece : SLOW_PIECES.subList(1, SLOW_PIECES.size())) {
                Thread.sleep(PAUSE);
                toServer.write(piece.getBytes(UTF_8));
            }
            slow.getInputStream().readAllBytes();
            for (Thread thread : fast) {
                thread.join(Duration.ofMillis(SOCKET_TIMEOUT_MILLIS));
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    private Socket connect(int port, int client) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        clientByPort.put(socket.getLocalPort(), client);
        return socket;
    }
}
