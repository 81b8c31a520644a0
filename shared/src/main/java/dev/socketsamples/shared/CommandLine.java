package dev.socketsamples.shared;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of every main, parsed in one small place.
 *
 * <p>Each main names the options it accepts. {@code --help} prints them all with their defaults; a bad
 * argument is one line saying what is wrong, one usage line, and the exit code 2.
 */
public final class CommandLine {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    /** Every option a sample may accept, with its default as the user would type it. */
    public enum Option {
        HOST("--host", "H", "address to listen on or connect to", Protocol.DEFAULT_HOST),
        PORT("--port", "P", "TCP port; 0 picks a free one", String.valueOf(Protocol.DEFAULT_PORT)),
        THREADS("--threads", "one|virtual",
                "one: serve one connection at a time, as .NET does; virtual: one virtual thread each", "one"),
        ACCEPT("--accept", "loop|chained",
                "loop: wait on allDone between accepts, as .NET does; chained: each accept starts the next", "loop"),
        BACKLOG("--backlog", "N", "connections the system may queue before they are accepted",
                String.valueOf(Protocol.DEFAULT_BACKLOG)),
        MAX_MESSAGE_BYTES("--max-message-bytes", "N", "largest message accepted, marker included",
                String.valueOf(Protocol.DEFAULT_MAX_MESSAGE_BYTES)),
        MEMORY_BUDGET("--memory-budget", "BYTES", "bytes all unfinished messages together may hold",
                "a quarter of the heap"),
        IDLE_TIMEOUT("--idle-timeout", "SECONDS", "close a connection that stays silent this long",
                Protocol.seconds(Protocol.DEFAULT_IDLE_TIMEOUT)),
        MESSAGE("--message", "TEXT", "what to send; " + Protocol.EOF + " is appended when missing",
                Protocol.DEFAULT_MESSAGE),
        TIMEOUT("--timeout", "SECONDS", "give up on the whole exchange (connect, send, receive) after this long",
                Protocol.seconds(Protocol.DEFAULT_CLIENT_TIMEOUT));

        private final String flag;
        private final String valueName;
        private final String description;
        private final String defaultValue;

        Option(String flag, String valueName, String description, String defaultValue) {
            this.flag = flag;
            this.valueName = valueName;
            this.description = description;
            this.defaultValue = defaultValue;
        }

        public String flag() {
            return flag;
        }
    }

    private final Map<Option, String> values;
    private final boolean help;

    private CommandLine(Map<Option, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    // tag::parse-or-exit[]
    /** Parses {@code args} for a main: prints help and exits 0, or prints the error and exits 2. */
    public static CommandLine parseOrExit(String program, String summary, Set<Option> accepted, String... args) {
        try {
            CommandLine commandLine = parse(accepted, args);
            if (commandLine.help) {
                System.out.print(help(program, summary, accepted));
                System.exit(EXIT_OK);
            }
            return commandLine;
        } catch (UsageException e) {
            System.err.println(program + ": " + e.getMessage());
            System.err.println(usage(program, accepted));
            System.exit(EXIT_USAGE);
            throw new AssertionError("unreachable");
        }
    }
    // end::parse-or-exit[]

    /** Parses {@code --name value} and {@code --name=value} pairs; every value is checked here, once. */
    public static CommandLine parse(Set<Option> accepted, String... args) throws UsageException {
        Map<Option, String> values = new EnumMap<>(Option.class);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String flag = equals > 0 ? arg.substring(0, equals) : arg;
            Option option = accepted.stream().filter(o -> o.flag.equals(flag)).findFirst()
                    .orElseThrow(() -> new UsageException(arg.startsWith("-")
                            ? "unknown option " + flag
                            : "unexpected argument '" + arg + "'"));
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value (" + option.valueName + ")");
            }
            check(option, value);
            if (values.putIfAbsent(option, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        return new CommandLine(values, help);
    }

    /** One line: the program and every option it accepts. */
    public static String usage(String program, Set<Option> accepted) {
        StringBuilder line = new StringBuilder("usage: ").append(program);
        for (Option option : accepted) {
            line.append(" [").append(nameAndValue(option)).append(']');
        }
        return line.append(" [--help]").toString();
    }

    /** What {@code --help} prints: the summary, the usage line, and each option with its default. */
    public static String help(String program, String summary, Set<Option> accepted) {
        StringBuilder text = new StringBuilder(summary).append("\n\n").append(usage(program, accepted)).append("\n\n");
        for (Option option : accepted) {
            text.append(String.format("  %-28s %s (default: %s)%n", nameAndValue(option), option.description,
                    option.defaultValue));
        }
        text.append(String.format("  %-28s %s%n", "--help", "print this help and exit"));
        return text.toString();
    }

    private static String nameAndValue(Option option) {
        return option.flag + " " + option.valueName;
    }

    public boolean helpRequested() {
        return help;
    }

    public String host() {
        return value(Option.HOST);
    }

    public int port() {
        return Integer.parseInt(value(Option.PORT));
    }

    /**
     * A two-way option ({@code --threads one|virtual}, {@code --accept loop|chained}) as the sample's own enum:
     * {@code first} for the first value its help names, {@code second} for the other; parsed once, here.
     */
    public <E extends Enum<E>> E choice(Option option, E first, E second) {
        return value(option).equals(option.valueName.split("\\|")[0]) ? first : second;
    }

    public int backlog() {
        return Integer.parseInt(value(Option.BACKLOG));
    }

    public int maxMessageBytes() {
        return Integer.parseInt(value(Option.MAX_MESSAGE_BYTES));
    }

    public long memoryBudget() {
        return values.containsKey(Option.MEMORY_BUDGET) ? Long.parseLong(values.get(Option.MEMORY_BUDGET))
                : Protocol.defaultMemoryBudget();
    }

    public Duration idleTimeout() {
        return duration(value(Option.IDLE_TIMEOUT));
    }

    /** The message to send, with the marker appended when missing. */
    public String message() {
        return Protocol.withMarker(value(Option.MESSAGE));
    }

    public Duration timeout() {
        return duration(value(Option.TIMEOUT));
    }

    private String value(Option option) {
        return values.getOrDefault(option, option.defaultValue);
    }

    private static void check(Option option, String value) throws UsageException {
        switch (option) {
            case HOST -> {
                if (value.isBlank()) {
                    throw new UsageException("--host needs a host name or an address");
                }
            }
            case PORT -> wholeNumber(option, value, 0, 65_535);
            case BACKLOG -> wholeNumber(option, value, 1, 65_535);
            case MEMORY_BUDGET -> wholeNumber(option, value, Protocol.EOF.length(), Long.MAX_VALUE);
            case MAX_MESSAGE_BYTES -> wholeNumber(option, value, Protocol.EOF.length(), Integer.MAX_VALUE - 8);
            case IDLE_TIMEOUT, TIMEOUT -> {
                try {
                    if (duration(value).compareTo(Duration.ofMillis(1)) < 0) {
                        throw new UsageException(option.flag + " needs at least 0.001 seconds, got '" + value + "'");
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new UsageException(option.flag + " needs a number of seconds, got '" + value + "'");
                }
            }
            case THREADS, ACCEPT -> oneOf(option, value);
            case MESSAGE -> {
                // any text is a message
            }
        }
    }

    private static void oneOf(Option option, String value) throws UsageException {
        String[] choices = option.valueName.split("\\|");
        if (!value.equals(choices[0]) && !value.equals(choices[1])) {
            throw new UsageException(option.flag + " is " + choices[0] + " or " + choices[1] + ", got '" + value + "'");
        }
    }

    private static void wholeNumber(Option option, String value, long min, long max) throws UsageException {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option.flag + " needs a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static Duration duration(String seconds) {
        return Duration.ofNanos(new BigDecimal(seconds).movePointRight(9).longValueExact());
    }
}
