package dev.socketsamples.compare.load;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.socketsamples.compare.ServerKind;
import dev.socketsamples.compare.load.Report.Row;
import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark: each server in a JVM of its own, driven by this JVM over loopback. Every server is
 * checked and warmed up; then, in rounds in which the servers take turns, the closed loop at each level of
 * clients and the open loop at a fixed rate; then each holds as many connections as the open-file limit allows;
 * last, the backlog lesson on fresh JVMs. The CSV, the chart and the AsciiDoc partial go to {@code --out}.
 */
public final class LoadBenchmark {

    static final String PROGRAM = "compare load";

    /** The options as given; a default that {@code --quick} changes is null here and chosen in the constructor. */
    @Command(name = PROGRAM, sortOptions = false, usageHelpAutoWidth = true, description = "Load benchmark: every"
            + " server of the suite and Netty under the same loopback load, every exchange counted.")
    static final class Options {
        @Option(names = "--quick", description = "about a minute: two levels, short windows, one round, 2,000 held")
        boolean quick;
        @Option(names = "--clients", split = ",", paramLabel = "N", description = "closed loop: concurrent"
                + " clients, each exchange after the last (default: 1,10,100,1000; quick 100,1000)")
        List<Integer> clients;
        @Option(names = "--rate", paramLabel = "N", defaultValue = "2000",
                description = "open loop: exchanges started per second, on schedule (default: ${DEFAULT-VALUE})")
        int rate;
        @Option(names = "--seconds", paramLabel = "S",
                description = "counted seconds per server, level and round (default: 3; quick 1)")
        Integer seconds;
        @Option(names = "--rounds", paramLabel = "R",
                description = "rounds in which the servers take turns at each level (default: 2; quick 1)")
        Integer rounds;
        @Option(names = "--held", paramLabel = "N", description = "connections held at once; 0 skips it"
                + " (default: the open-file limit less 1,000; quick 2,000)")
        Integer held;
        @Option(names = "--servers", split = ",", paramLabel = "NAME",
                description = "servers to measure; Netty always, as the reference (default: all)")
        List<String> servers;
        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "give up on a whole exchange after this long (default: the clients' 10)")
        BigDecimal timeout;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare/target/benchmark",
                description = "where the CSV, chart and AsciiDoc partial go (default: ${DEFAULT-VALUE})")
        Path out;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** What every client sends: the .NET samples' message. */
    static final byte[] MESSAGE = Protocol.DEFAULT_MESSAGE.getBytes(StandardCharsets.US_ASCII);
    static final Duration RAMP_UP = Duration.ofMillis(500);
    /** The backlog lesson: one server, the .NET samples' backlogs and the suite's default, 1000 clients. */
    static final String LESSON_SERVER = ServerProcess.nameOf(ServerKind.SYNC_VIRTUAL_THREADS);
    static final List<Integer> LESSON_BACKLOGS = List.of(10, 100, Protocol.DEFAULT_BACKLOG);
    static final int LESSON_CLIENTS = 1000;
    /** The one-at-a-time server is shown serializing a few held connections, not asked to hold thousands. */
    static final int SERIAL_HELD = 10;
    /** Descriptors left to the JVM itself (jars, epoll, pipes) when holding as many connections as allowed. */
    static final int DESCRIPTOR_HEADROOM = 1000;
    /** Before a server is measured, this many exchanges at once must all be echoed. */
    static final int CHECK_EXCHANGES = 100;

    final List<Integer> clients;
    final int rate;
    final Duration window;
    final Duration warmup;
    final int rounds;
    final int held;
    final List<String> servers;
    final Duration timeout;
    final Path out;
    private final String command;
    private final PrintStream console = System.out;

    LoadBenchmark(Options options, String... args) throws UsageException {
        boolean quick = options.quick;
        clients = options.clients != null ? options.clients.stream().sorted().distinct().toList()
                : quick ? List.of(100, 1000) : List.of(1, 10, 100, 1000);
        for (int level : clients) {
            within("--clients", level, 1, 10_000);
        }
        rate = within("--rate", options.rate, 1, 100_000);
        window = Duration.ofSeconds(options.seconds != null ? within("--seconds", options.seconds, 1, 600)
                : quick ? 1 : 3);
        warmup = Duration.ofSeconds(quick ? 1 : 2);
        rounds = options.rounds != null ? within("--rounds", options.rounds, 1, 20) : quick ? 1 : 2;
        held = options.held != null ? within("--held", options.held, 0, 1_000_000)
                : quick ? 2000 : (int) Math.max(0, openFileLimit() - DESCRIPTOR_HEADROOM);
        List<String> names = ServerProcess.names();
        servers = new ArrayList<>(options.servers != null ? options.servers : names);
        for (String name : servers) {
            if (!names.contains(name)) {
                throw new UsageException("--servers needs names among " + String.join(", ", names) + ", got '" + name
                        + "'");
            }
        }
        if (!servers.contains(ServerProcess.NETTY)) {
            servers.add(ServerProcess.NETTY);
        }
        try {
            timeout = options.timeout == null ? Protocol.DEFAULT_CLIENT_TIMEOUT
                    : Duration.ofNanos(options.timeout.movePointRight(9).longValueExact());
        } catch (ArithmeticException e) {
            throw new UsageException("--timeout needs a number of seconds, got '" + options.timeout + "'");
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new UsageException("--timeout needs at least 0.001 seconds, got '" + options.timeout + "'");
        }
        out = options.out;
        command = String.join(" ", "java -jar compare/target/compare.jar load", String.join(" ", args)).strip();
    }

    private static int within(String flag, int value, int min, int max) throws UsageException {
        if (value < min || value > max) {
            throw new UsageException(flag + " needs a whole number from " + min + " to " + max + ", got '" + value
                    + "'");
        }
        return value;
    }

    /** Parses {@code args} as picocli reads them; a bad one is a {@link UsageException}, as in every main. */
    static picocli.CommandLine parse(Options options, String... args) throws UsageException {
        picocli.CommandLine line = new picocli.CommandLine(options);
        try {
            line.parseArgs(args);
            return line;
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The benchmark {@code args} ask for. */
    static LoadBenchmark of(String... args) throws UsageException {
        Options options = new Options();
        parse(options, args);
        return new LoadBenchmark(options, args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark as {@code compare.jar load ARGS} does; returns the exit code. */
    public static int run(String... args) {
        LoadBenchmark benchmark;
        Options options = new Options();
        String usage = new picocli.CommandLine(new Options()).getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
        try {
            parse(options, args);
            if (options.help) {
                System.out.print(usage + "Servers: " + String.join(", ", ServerProcess.names())
                        + ".\n");
                return CommandLine.EXIT_OK;
            }
            benchmark = new LoadBenchmark(options, args);
        } catch (UsageException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            System.err.println(usage.lines().findFirst().orElse(""));
            return CommandLine.EXIT_USAGE;
        }
        try {
            benchmark.execute();
            return CommandLine.EXIT_OK;
        } catch (IOException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println(PROGRAM + ": interrupted");
            return CommandLine.EXIT_FAILURE;
        }
    }

    private void execute() throws IOException, InterruptedException {
        long began = System.nanoTime();
        String loadBefore = loadAverage();
        String method = String.format(Locale.ROOT, "Each server in a JVM of its own (%s), the clients in the"
                        + " benchmark's JVM, one virtual thread each, with a %s s timeout for each whole exchange;"
                        + " %d round(s) of %d s per server and load, the servers taking turns, after a %s s ramp-up"
                        + " in the closed loop; every server given a backlog of %d unless said otherwise.",
                String.join(" ", ServerProcess.JVM_OPTIONS), ConsoleText.seconds(timeout), rounds, window.toSeconds(),
                ConsoleText.seconds(RAMP_UP), Protocol.DEFAULT_BACKLOG);
        console.println("Load benchmark on " + machine());
        console.println(method);
        Map<String, ServerProcess> running = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        try {
            for (String server : servers) {
                running.put(server, ServerProcess.start(server, Protocol.DEFAULT_BACKLOG));
                checkAndWarmUp(server, running.get(server));
            }
            rows.addAll(inRounds(running, Report.CLOSED, clients));
            rows.addAll(inRounds(running, Report.OPEN, List.of(rate)));
            if (held > 0) {
                for (String server : servers) {
                    rows.add(hold(server, running.get(server)));
                }
            }
        } finally {
            running.values().forEach(ServerProcess::close);
        }
        rows.addAll(backlogLesson());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        facts.put("memory", String.format(Locale.ROOT, "%.1f GiB", memory() / (1024.0 * 1024 * 1024)));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        facts.put("open-files", String.valueOf(openFileLimit()));
        facts.put("ports", ephemeralPorts());
        facts.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        facts.put("command", command);
        facts.put("jvm-options", String.join(" ", ServerProcess.JVM_OPTIONS));
        facts.put("timeout", ConsoleText.seconds(timeout) + " s");
        facts.put("rounds", String.valueOf(rounds));
        facts.put("window", window.toSeconds() + " s");
        facts.put("ramp-up", ConsoleText.seconds(RAMP_UP) + " s");
        facts.put("backlog", String.valueOf(Protocol.DEFAULT_BACKLOG));
        facts.put("lesson-server", LESSON_SERVER);
        facts.put("load-start", loadBefore);
        facts.put("load-end", loadAverage());
        Report.Run run = new Report.Run(facts, Duration.ofNanos(System.nanoTime() - began), rows);
        console.println();
        Report.versusNetty(rows).forEach(console::println);
        Files.createDirectories(out);
        Files.writeString(out.resolve(Report.CSV_FILE), Report.csv(rows));
        Files.writeString(out.resolve(Report.RUN_FILE), Report.attributes(run));
        BenchmarkChart.writeSvg(run, out.resolve(Report.CHART_FILE));
        console.println();
        console.println("Took " + Report.duration(run.elapsed()) + ". Wrote " + Report.CSV_FILE + ", "
                + Report.CHART_FILE + " and " + Report.RUN_FILE + " to " + out.toAbsolutePath().normalize());
    }

    /**
     * The closed loop at each level, or the open loop at each rate, in rounds: within a round the servers take
     * turns, in an order that rotates from round to round, so that a machine busy with other work weighs on all
     * of them alike.
     */
    private List<Row> inRounds(Map<String, ServerProcess> running, String test, List<Integer> loads)
            throws IOException, InterruptedException {
        Map<List<Object>, Row> rows = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int load : loads) {
                for (int i = 0; i < servers.size(); i++) {
                    String server = servers.get((i + round) % servers.size());
                    rows.merge(List.of(server, load), measure(test, server, Protocol.DEFAULT_BACKLOG,
                            running.get(server), load), Row::add);
                }
            }
        }
        return rows.values().stream().sorted(Comparator.comparing(row -> servers.indexOf(row.server()))).toList();
    }

    /** One round of {@code test} at {@code load}; the threads are the server's peak during it. */
    private Row measure(String test, String server, int backlog, ServerProcess process, int load)
            throws IOException, InterruptedException {
        LoadGenerator generator = new LoadGenerator(process.address(), MESSAGE, timeout);
        process.resetPeak();
        Tally tally = switch (test) {
            case Report.OPEN -> generator.openLoop(load, window);
            case Report.BURST -> generator.burst(load);
            default -> generator.closedLoop(load, RAMP_UP, window);
        };
        console.printf(Locale.ROOT, "%-13s %-22s %4d %5d: %6.0f echoed/s, p99 %7.1f ms; %s%n", test, server,
                backlog, load, tally.echoedPerSecond(), tally.millisAt(99), counts(tally));
        return new Row(test, server, backlog, load, tally, process.stats().peakPlatformThreads(), -1);
    }

    private static String counts(Tally t) {
        return String.format(Locale.ROOT, "%d started: %d echoed, %d refused, %d reset, %d timed out, %d other",
                t.started(), t.count(Tally.Outcome.ECHOED), t.count(Tally.Outcome.REFUSED),
                t.count(Tally.Outcome.RESET), t.count(Tally.Outcome.TIMED_OUT), t.count(Tally.Outcome.OTHER));
    }

    /** A server that fails any of a burst of exchanges is not measured; one that passes is warmed up. */
    private void checkAndWarmUp(String server, ServerProcess process) throws IOException, InterruptedException {
        LoadGenerator generator = new LoadGenerator(process.address(), MESSAGE, timeout);
        Tally check = generator.burst(CHECK_EXCHANGES);
        if (check.errors() > 0) {
            throw new IOException(server + " failed " + check.errors() + " of " + CHECK_EXCHANGES
                    + " exchanges before the benchmark began: " + counts(check));
        }
        generator.closedLoop(Math.min(100, clients.getLast()), warmup, Duration.ZERO);
    }

    /** Holds {@link #held} connections (the one-at-a-time server: a few), and weighs them in the server's heap. */
    private Row hold(String server, ServerProcess process) throws IOException, InterruptedException {
        boolean serial = server.equals(ServerProcess.nameOf(ServerKind.SYNC_ONE_AT_A_TIME));
        int count = serial ? Math.min(SERIAL_HELD, held) : held;
        process.await(stats -> stats.openConnections() == 0, timeout);
        long before = process.usedHeapAfterGc();
        Tally tally = new Tally();
        Row row = new LoadGenerator(process.address(), MESSAGE, timeout).hold(count, tally,
                opened -> process.await(stats -> serial || stats.openConnections() >= opened, timeout),
                () -> {
                    // The one-at-a-time server takes one; the others wait in its backlog, unread.
                    ServerProcess.Stats stats = process.await(s -> s.openConnections() >= (serial ? 1 : count),
                            timeout);
                    long heap = serial ? -1 : (process.usedHeapAfterGc() - before) / stats.openConnections();
                    return new Row(Report.HELD, server, Protocol.DEFAULT_BACKLOG, count, tally,
                            stats.platformThreads(), heap);
                });
        console.printf(Locale.ROOT, "%-13s %-22s %4d %5d: %s; %s%n", Report.HELD, server, Protocol.DEFAULT_BACKLOG,
                count, serial ? "one served, the rest queued" : row.heapPerConnection() + " B of heap each",
                counts(tally));
        return row;
    }

    /** One server on fresh JVMs at each backlog: a burst of connects, then the closed loop at 1000 clients. */
    private List<Row> backlogLesson() throws IOException, InterruptedException {
        List<Row> bursts = new ArrayList<>();
        List<Row> loops = new ArrayList<>();
        for (int backlog : LESSON_BACKLOGS) {
            try (ServerProcess process = ServerProcess.start(LESSON_SERVER, backlog)) {
                new LoadGenerator(process.address(), MESSAGE, timeout).closedLoop(100, warmup, Duration.ZERO);
                process.await(stats -> stats.openConnections() == 0, timeout);
                bursts.add(measure(Report.BURST, LESSON_SERVER, backlog, process, LESSON_CLIENTS));
                loops.add(measure(Report.LOOP, LESSON_SERVER, backlog, process, LESSON_CLIENTS));
            }
        }
        bursts.addAll(loops);
        return bursts;
    }

    /** Cores, memory, OS, JDK, open-file limit, ephemeral ports, date: figures mean nothing without them. */
    static String machine() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB, %s %s %s, %s %s, open files %d, ephemeral ports %s, %s",
                Runtime.getRuntime().availableProcessors(), memory() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"), openFileLimit(),
                ephemeralPorts(), LocalDate.now(ZoneOffset.UTC));
    }

    private static long memory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    private static String ephemeralPorts() {
        return firstLine("/proc/sys/net/ipv4/ip_local_port_range").replaceAll("\\s+", "-");
    }

    /** This process's limit on open descriptors; the server JVMs inherit it. */
    static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                ? os.getMaxFileDescriptorCount() : 0;
    }

    private static String loadAverage() {
        String[] fields = firstLine("/proc/loadavg").split(" ");
        return fields[0];
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).getFirst().strip();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
