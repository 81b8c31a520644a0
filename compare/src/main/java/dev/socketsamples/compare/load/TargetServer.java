package dev.socketsamples.compare.load;

import dev.socketsamples.shared.EchoServer;
import dev.socketsamples.shared.ServerConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The main of a server JVM that the benchmark starts: one target on a free loopback port, silent, answering a
 * few control lines on standard input so the benchmark can read its threads and heap from outside.
 *
 * <pre>
 * out: listening PORT             once the server is bound
 * in:  stats       out: stats PLATFORM_THREADS PEAK_PLATFORM_THREADS OPEN_CONNECTIONS
 * in:  reset-peak  out: ok
 * in:  heap        out: heap USED_BYTES          (after System.gc())
 * in:  quit, or end of input: the server closes and the JVM exits
 * </pre>
 */
public final class TargetServer {

    /** Longer than the default 30 s so that 10,000 held connections outlast a slow opening on a busy machine. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private TargetServer() {
    }

    public static void main(String[] args) throws Exception {
        Target target = Target.ofKey(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ServerConfig config = ServerConfig.loopback().withIdleTimeout(IDLE_TIMEOUT);
        try (EchoServer server = target.start(config);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("listening " + server.port());
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                switch (line) {
                    case "stats" -> out.println(new ServerStats(threads.getThreadCount(),
                            threads.getPeakThreadCount(), server.openConnections()).toLine());
                    case "reset-peak" -> {
                        threads.resetPeakThreadCount();
                        out.println("ok");
                    }
                    case "heap" -> out.println("heap " + usedHeapAfterGc());
                    default -> out.println("unknown " + line);
                }
            }
        }
        // Whatever the target left running, this JVM is done.
        System.exit(0);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
