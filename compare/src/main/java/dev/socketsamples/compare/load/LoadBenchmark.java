package dev.socketsamples.compare.load;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load benchmark: each server in a JVM of its own, driven by a load generator in this JVM, every figure
 * reported as a ratio to Netty's in the same run.
 *
 * <p>Every server is started, checked and warmed up; then, in rounds, the servers take turns at each level
 * of concurrent clients (a ramp-up, then a counted window); then each has its C10K run. Results go to the
 * console and, in {@code --out}, to a CSV, an SVG chart and an AsciiDoc partial for the docs.
 */
public final class LoadBenchmark {

    /** What every client sends: the .NET samples' message. */
    static final byte[] MESSAGE = Protocol.DEFAULT_MESSAGE.getBytes(StandardCharsets.US_ASCII);
    /** A connect or an echo slower than this counts as an error. */
    static final Duration TIMEOUT = Protocol.DEFAULT_CLIENT_TIMEOUT;
    /** The one-at-a-time server is shown serializing a few held connections, not asked to hold thousands. */
    static final int SERIAL_HELD = 10;
    /** Opening every held connection, and completing them all, must each end within this. */
    static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    /** Before a server is measured, this many clients make this many exchanges each, and all must succeed. */
    static final int CHECK_CLIENTS = 10;
    static final int CHECK_EXCHANGES = 10;

    private final BenchmarkOptions options;
    private final PrintStream out;

    private LoadBenchmark(BenchmarkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark as {@code compare.jar load ARGS} does; returns the exit code. */
    public static int run(String... args) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (UsageException e) {
            System.err.println("load: " + e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            return CommandLine.EXIT_USAGE;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.helpText());
            return CommandLine.EXIT_OK;
        }
        try {
            new LoadBenchmark(options, System.out).execute(String.join(" ", commandOf(args)));
            return CommandLine.EXIT_OK;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("load: " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("load: interrupted");
            return CommandLine.EXIT_FAILURE;
        }
    }

    private static List<String> commandOf(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", "compare/target/compare.jar", "load"));
        command.addAll(List.of(args));
        return command;
    }

    private void execute(String command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        MachineInfo machine = MachineInfo.current();
        out.println("Load benchmark on " + machine.describe());
        String method = method();
        out.println(method);
        List<Target> targets = List.copyOf(options.targets());
        Map<Target, TargetProcess> servers = new EnumMap<>(Target.class);
        try {
            for (Target target : targets) {
                TargetProcess server = TargetProcess.start(target);
                servers.put(target, server);
                checkAndWarmUp(target, server);
            }
            List<LevelResult> levels = measureLevels(targets, servers);
            List<HoldResult> holds = new ArrayList<>();
            if (options.held() > 0) {
                for (Target target : targets) {
                    awaitNoOpenConnections(servers.get(target));
                    holds.add(holdConnections(target, servers.get(target)));
                }
            }
            BenchmarkResults results = new BenchmarkResults(machine, command, method,
                    Duration.ofNanos(System.nanoTime() - started), levels, holds);
            report(results);
        } finally {
            servers.values().forEach(TargetProcess::close);
        }
    }

    private String method() {
        return String.format(Locale.ROOT, "Each server in a JVM of its own (%s), the load generator in the benchmark's"
                        + " JVM (one virtual thread per client); %d round(s) of %d s per server and level after a %d s"
                        + " ramp-up, the servers taking turns; held connections opened %d at a time.",
                String.join(" ", TargetProcess.JVM_OPTIONS), options.rounds(), options.window().toSeconds(),
                options.rampUp().toSeconds(), HeldConnections.BATCH);
    }

    /** A server that fails the correctness check is not measured; one that passes is warmed up. */
    private void checkAndWarmUp(Target target, TargetProcess server) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "%s: started on port %d, %d platform threads idle%n", target.label(),
                server.address().getPort(), server.stats().platformThreads());
        LoadGenerator generator = new LoadGenerator(server.address(), MESSAGE, TIMEOUT);
        LoadResult check = generator.runExchanges(CHECK_CLIENTS, CHECK_EXCHANGES);
        if (check.errors() > 0) {
            throw new IOException(target.label() + " failed " + check.errors() + " of "
                    + CHECK_CLIENTS * CHECK_EXCHANGES + " exchanges before the benchmark began");
        }
        generator.run(Math.min(100, options.clients().getLast()), options.warmup(), Duration.ZERO, () -> { });
    }

    /**
     * Every level, every server, in rounds: within a round the servers take turns at each level, in an order
     * that rotates from round to round, so that a machine busy with other work weighs on all of them alike.
     */
    private List<LevelResult> measureLevels(List<Target> targets, Map<Target, TargetProcess> servers)
            throws IOException, InterruptedException {
        Map<Target, Map<Integer, List<LoadGenerator.Window>>> windows = new EnumMap<>(Target.class);
        Map<Target, Map<Integer, int[]>> threadsAndOpen = new EnumMap<>(Target.class);
        for (int round = 0; round < options.rounds(); round++) {
            for (int clients : options.clients()) {
                for (int i = 0; i < targets.size(); i++) {
                    Target target = targets.get((i + round) % targets.size());
                    TargetProcess server = servers.get(target);
                    server.resetPeakThreads();
                    ServerStats[] midpoint = new ServerStats[1];
                    LoadGenerator.Window window = new LoadGenerator(server.address(), MESSAGE, TIMEOUT)
                            .run(clients, options.rampUp(), options.window(), () -> midpoint[0] = statsOf(server));
                    ServerStats after = server.stats();
                    windows.computeIfAbsent(target, t -> new TreeMap<>())
                            .computeIfAbsent(clients, c -> new ArrayList<>()).add(window);
                    int[] most = threadsAndOpen.computeIfAbsent(target, t -> new TreeMap<>())
                            .computeIfAbsent(clients, c -> new int[2]);
                    most[0] = Math.max(most[0], after.peakPlatformThreads());
                    most[1] = Math.max(most[1], midpoint[0].openConnections());
                    out.printf(Locale.ROOT, "round %d, %s, %d clients: %.0f messages/s, %d errors%n", round + 1,
                            target.label(), clients, window.latencies().count() / window.seconds(),
                            window.errors());
                }
            }
        }
        List<LevelResult> levels = new ArrayList<>();
        for (Target target : targets) {
            windows.get(target).forEach((clients, list) -> {
                int[] most = threadsAndOpen.get(target).get(clients);
                levels.add(new LevelResult(target, LoadResult.of(list), most[0], most[1]));
            });
        }
        return levels;
    }

    private static ServerStats statsOf(TargetProcess server) {
        try {
            return server.stats();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HoldResult holdConnections(Target target, TargetProcess server) throws IOException, InterruptedException {
        boolean serial = target == Target.SYNC_ONE_AT_A_TIME;
        int requested = serial ? Math.min(SERIAL_HELD, options.held()) : options.held();
        long heapBefore = serial ? 0 : server.usedHeapAfterGc();
        ServerStats[] whileHeld = new ServerStats[1];
        long[] heapHeld = new long[1];
        HeldConnections.Outcome outcome = new HeldConnections(server.address(), MESSAGE, TIMEOUT)
                .hold(requested, HOLD_LIMIT, opened -> {
                    if (!serial) {
                        awaitAcceptedQuickly(server, opened);
                    }
                }, held -> {
                    // The one-at-a-time server takes one; the others wait in its backlog, unread.
                    whileHeld[0] = awaitOpenConnections(server, serial ? 1 : held);
                    if (!serial) {
                        heapHeld[0] = server.usedHeapAfterGc();
                    }
                });
        long perConnection = serial || outcome.held() == 0 ? HoldResult.NOT_MEASURED
                : (heapHeld[0] - heapBefore) / outcome.held();
        HoldResult hold = new HoldResult(target, requested, outcome.held(), outcome.failed(),
                whileHeld[0].platformThreads(), whileHeld[0].openConnections(), perConnection);
        out.printf(Locale.ROOT, "%s, %d held: %d errors, %d platform threads, %d open in the server, %s%n",
                target.label(), hold.held(), hold.errors(), hold.platformThreads(), hold.openConnections(),
                perConnection == HoldResult.NOT_MEASURED ? "heap not measured"
                        : perConnection + " bytes of heap per connection");
        return hold;
    }

    /**
     * Polls the server until it has {@code expected} connections open or a few seconds have passed, then
     * keeps watching for a moment: returns the stats with the most open connections seen.
     */
    private static ServerStats awaitOpenConnections(TargetProcess server, int expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ServerStats most = server.stats();
        while (most.openConnections() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ServerStats now = server.stats();
            most = now.openConnections() >= most.openConnections() ? now : most;
        }
        for (int i = 0; i < 5; i++) {
            Thread.sleep(100);
            ServerStats now = server.stats();
            most = now.openConnections() > most.openConnections() ? now : most;
        }
        return most;
    }

    /** The pacing of the C10K run: a tight poll, since the server usually has them already. */
    private static void awaitAcceptedQuickly(TargetProcess server, int opened)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (server.stats().openConnections() < opened && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** Connections of the last level may still be closing: the heap baseline waits for them. */
    private static void awaitNoOpenConnections(TargetProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (server.stats().openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void report(BenchmarkResults results) throws IOException {
        out.println();
        out.print(Report.text(results));
        out.println();
        for (String check : Report.targetChecks(results)) {
            out.println(check);
        }
        Path dir = options.out();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark-results.csv"), Report.csv(results));
        Files.writeString(dir.resolve("_benchmark-results.adoc"), Report.asciidoc(results));
        BenchmarkChart.writeSvg(results, dir.resolve(Report.CHART_FILE));
        out.println();
        out.println("Took " + Report.duration(results.elapsed()) + ". Wrote benchmark-results.csv, benchmark.svg and"
                + " _benchmark-results.adoc to " + dir.toAbsolutePath().normalize());
    }
}
