package dev.socketsamples.compare.check;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.CommandLine.Option;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code compare check}: the contract checks against any echo server, in any language, from outside. One line
 * per check in a fixed order, the first failure named as what to fix next, a summary, exit 0 when every check
 * passed and 1 when one failed, 2 for a bad command line; {@code --junit-xml} for a class's grading.
 */
public final class CheckCommand {

    static final String PROGRAM = "compare check";
    static final String TARGET = "--target";
    static final String SERVER = "--server";
    static final String CLIENT = "--client";
    static final String ONLY = "--only";
    static final String JUNIT_XML = "--junit-xml";
    /** The server's limits, as the suite's servers name them: the check must know what the server chose. */
    static final Set<Option> LIMITS = EnumSet.of(Option.MAX_MESSAGE_BYTES, Option.IDLE_TIMEOUT);
    static final String USAGE = "usage: " + PROGRAM + " (" + TARGET + " HOST:PORT | " + SERVER
            + " \"COMMAND ... {port} ...\" | " + CLIENT + " \"COMMAND ... {port} ...\") [" + ONLY
            + " NAME,...] [--max-message-bytes N]"
            + " [--idle-timeout SECONDS] [" + JUNIT_XML + " FILE] [--help]";
    /** A check that waits this long or more says so first, so that a learner does not think it hangs. */
    private static final Duration SAYS_IT_WAITS = Duration.ofSeconds(5);

    private final InetSocketAddress target;
    private final List<String> serverCommand;
    private final List<String> clientCommand;
    private final List<ContractCheck> checks;
    private final List<ClientCheck> clientChecks;
    private final int maxMessageBytes;
    private final Duration idleTimeout;
    private final Path junitXml;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private CheckCommand(InetSocketAddress target, List<String> serverCommand, List<String> clientCommand,
                         List<ContractCheck> checks, List<ClientCheck> clientChecks, CommandLine limits,
                         Path junitXml) {
        this.target = target;
        this.serverCommand = serverCommand;
        this.clientCommand = clientCommand;
        this.checks = checks;
        this.clientChecks = clientChecks;
        this.maxMessageBytes = limits.maxMessageBytes();
        this.idleTimeout = limits.idleTimeout();
        this.junitXml = junitXml;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code compare check ARGS}; returns the exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs {@code compare check ARGS}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CheckCommand command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println(USAGE);
            return CommandLine.EXIT_USAGE;
        }
        if (command == null) {
            out.print(help());
            return CommandLine.EXIT_OK;
        }
        command.out = out;
        command.err = err;
        try {
            return command.execute();
        } catch (IOException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return CommandLine.EXIT_FAILURE;
        }
    }

    /**
     * The values of {@code flags} in {@code args}, given as {@code --flag value} or {@code --flag=value}, each at
     * most once; every other argument goes to {@code other}, in order.
     */
    static Map<String, String> ownFlags(List<String> flags, String[] args, Consumer<String> other)
            throws UsageException {
        Map<String, String> own = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (!flags.contains(flag)) {
                other.accept(arg);
                continue;
            }
            String value;
            if (equals > 0 && flag.length() < arg.length()) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            if (own.putIfAbsent(flag, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        return own;
    }

    /** The command, or {@code null} when {@code --help} asks for the help. */
    static CheckCommand parse(String... args) throws UsageException {
        List<String> rest = new ArrayList<>();
        Map<String, String> own = ownFlags(List.of(TARGET, SERVER, CLIENT, ONLY, JUNIT_XML), args, rest::add);
        boolean help = rest.contains("--help") || rest.contains("-h");
        CommandLine limits = CommandLine.parse(LIMITS, rest.toArray(String[]::new));
        if (help) {
            return null;
        }
        long modes = Stream.of(TARGET, SERVER, CLIENT).filter(own::containsKey).count();
        if (modes != 1) {
            throw new UsageException("say what to check: " + TARGET + " HOST:PORT, " + SERVER + " COMMAND or "
                    + CLIENT + " COMMAND, one of them");
        }
        InetSocketAddress target = own.containsKey(TARGET) ? address(own.get(TARGET)) : null;
        List<String> serverCommand = own.containsKey(SERVER) ? command(SERVER, own.get(SERVER)) : null;
        List<String> clientCommand = own.containsKey(CLIENT) ? command(CLIENT, own.get(CLIENT)) : null;
        List<ContractCheck> checks = List.of(ContractCheck.values());
        List<ClientCheck> clientChecks = List.of(ClientCheck.values());
        if (own.containsKey(ONLY) && clientCommand == null) {
            checks = only(own.get(ONLY), ContractCheck.class, ContractCheck.values(), ContractCheck::label);
        } else if (own.containsKey(ONLY)) {
            clientChecks = only(own.get(ONLY), ClientCheck.class, ClientCheck.values(), ClientCheck::label);
        }
        if (own.containsKey(JUNIT_XML) && own.get(JUNIT_XML).isBlank()) {
            throw new UsageException(JUNIT_XML + " needs a file name");
        }
        Path junitXml = own.containsKey(JUNIT_XML) ? Path.of(own.get(JUNIT_XML)) : null;
        return new CheckCommand(target, serverCommand, clientCommand, checks, clientChecks, limits, junitXml);
    }

    /** The words of a command given to {@code flag}, which must say where its port goes. */
    private static List<String> command(String flag, String command) throws UsageException {
        List<String> words = ServerCommand.words(flag, command);
        if (words.stream().noneMatch(word -> word.contains(ServerCommand.PORT))) {
            throw new UsageException(flag + " needs " + ServerCommand.PORT + " where the command takes its port, got '"
                    + command + "'");
        }
        return words;
    }

    /** {@code HOST:PORT}, {@code [IPv6]:PORT}; a name is resolved here, once. */
    static InetSocketAddress address(String hostAndPort) throws UsageException {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new UsageException(TARGET + " needs HOST:PORT, got '" + hostAndPort + "'");
        }
        String host = hostAndPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new UsageException(TARGET + " needs a port from 1 to 65535, got '" + hostAndPort + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new UsageException(TARGET + ": unknown host '" + host + "'");
        }
    }

    /** The checks {@code --only} names, in the fixed order whatever the order given. */
    static <C extends Enum<C>> List<C> only(String names, Class<C> type, C[] all, Function<C, String> label)
            throws UsageException {
        Set<C> chosen = EnumSet.noneOf(type);
        for (String name : names.split(",", -1)) {
            C check = Arrays.stream(all).filter(candidate -> label.apply(candidate).equals(name.strip())).findFirst()
                    .orElseThrow(() -> new UsageException(ONLY + " needs names among "
                            + Arrays.stream(all).map(label).collect(Collectors.joining(",")) + ", got '" + name + "'"));
            chosen.add(check);
        }
        return List.copyOf(chosen);
    }

    static String help() {
        StringBuilder text = new StringBuilder("""
                Runs the echo protocol's contract checks against a server in any language, from outside, and says
                what to fix first. Exit 0 when every check passed, 1 when one failed, 2 for a bad command line.

                """).append(USAGE).append("\n\n");
        text.append(String.format("  %-34s %s%n", TARGET + " HOST:PORT", "a server that is running; loopback unless you"
                + " mean it"));
        text.append(String.format("  %-34s %s%n", SERVER + " \"COMMAND ... {port} ...\"", "start the server with"
                + " {port} replaced by a free port, check it, stop it"));
        text.append(String.format("  %-34s %s%n", CLIENT + " \"COMMAND ... {port} ...\"", "run the client against"
                + " scripted bad servers on {port} and grade its exit code and output"));
        text.append(String.format("  %-34s %s%n", ONLY + " NAME,...", "run these checks only, in the order below"));
        text.append(String.format("  %-34s %s%n", "--max-message-bytes N", "the largest message the server accepts,"
                + " marker included (default: " + Protocol.DEFAULT_MAX_MESSAGE_BYTES + ")"));
        text.append(String.format("  %-34s %s%n", "--idle-timeout SECONDS", "after this long the server closes a silent"
                + " client (default: " + ConsoleText.seconds(Protocol.DEFAULT_IDLE_TIMEOUT) + ")"));
        text.append(String.format("  %-34s %s%n", JUNIT_XML + " FILE", "also write the outcome as a JUnit XML report,"
                + " one testcase per check"));
        text.append(String.format("  %-34s %s%n", "--help", "print this help and exit"));
        text.append("\nThe checks of a server, in order:\n");
        for (ContractCheck check : ContractCheck.values()) {
            text.append(String.format("  %-20s %s%n", check.label(), check.summary()));
        }
        text.append("\nThe checks of a client (" + CLIENT + "), in order:\n");
        for (ClientCheck check : ClientCheck.values()) {
            text.append(String.format("  %-20s %s%n", check.label(), check.summary()));
        }
        return text.toString();
    }

    private int execute() throws IOException, InterruptedException {
        if (clientCommand != null) {
            return checkClient();
        }
        if (serverCommand == null) {
            return checkTarget();
        }
        try (ServerCommand server = ServerCommand.start(serverCommand)) {
            return checkAll(new Target(server.address(), maxMessageBytes, idleTimeout, server));
        }
    }

    private int checkTarget() throws IOException, InterruptedException {
        if (!target.getAddress().isLoopbackAddress()) {
            err.println(PROGRAM + ": warning: " + ConsoleText.hostAndPort(target) + " is not a loopback address; the"
                    + " checks send floods and a burst of " + ContractCheck.BURST + " connects over the network");
        }
        Target checked = new Target(target, maxMessageBytes, idleTimeout, Target.OUTSIDE);
        try {
            Wire.connect(target, ContractCheck.CONNECT_TIMEOUT, ContractCheck.READ_TIMEOUT).close();
        } catch (IOException e) {
            throw new IOException(ContractCheck.Probe.describe(e, checked).startsWith("cannot connect")
                    ? ContractCheck.Probe.describe(e, checked)
                    : "cannot connect to " + checked.hostAndPort() + ": " + ContractCheck.Probe.describe(e, checked));
        }
        return checkAll(checked);
    }

    private int checkAll(Target target) throws IOException {
        out.println("Checking " + target.hostAndPort() + " (max message " + target.maxMessageBytes()
                + " bytes, idle timeout " + ConsoleText.seconds(target.idleTimeout()) + " s): " + checks.size()
                + (checks.size() == 1 ? " check" : " checks"));
        long start = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (ContractCheck check : checks) {
            if (check == ContractCheck.IDLE_TIMEOUT && target.idleTimeout().compareTo(SAYS_IT_WAITS) >= 0) {
                err.println(PROGRAM + ": " + check.label() + " waits for the server's idle timeout, "
                        + ConsoleText.seconds(target.idleTimeout()) + " s...");
            }
            Outcome outcome = check.run(target);
            outcomes.add(outcome);
            out.println(outcome.line());
        }
        return summary(target.hostAndPort(), outcomes, start);
    }

    private int checkClient() throws IOException {
        out.println("Checking the client " + String.join(" ", clientCommand) + ": " + clientChecks.size()
                + (clientChecks.size() == 1 ? " check" : " checks"));
        if (clientChecks.contains(ClientCheck.NEVER_READS) || clientChecks.contains(ClientCheck.DRIPS)) {
            err.println(PROGRAM + ": never-reads and drips wait for the client's timeout, up to "
                    + ConsoleText.seconds(ClientCheck.BOUND) + " s...");
        }
        long start = System.nanoTime();
        List<Outcome> outcomes = ClientCheck.runAll(clientChecks, clientCommand, outcome -> out.println(outcome.line()));
        return summary("client " + clientCommand.getFirst(), outcomes, start);
    }

    /** The first failure as what to fix next, the counts, the report; the exit code. */
    private int summary(String subject, List<Outcome> outcomes, long start) throws IOException {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long passed = outcomes.stream().filter(Outcome::passed).count();
        long failed = outcomes.stream().filter(Outcome::failed).count();
        long skipped = outcomes.size() - passed - failed;
        outcomes.stream().filter(Outcome::failed).findFirst().ifPresent(first ->
                out.println("Next: " + first.label() + ": " + first.hint()));
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        if (junitXml != null) {
            JunitReport.write(junitXml, subject, outcomes, took);
        }
        return failed == 0 ? CommandLine.EXIT_OK : CommandLine.EXIT_FAILURE;
    }
}
