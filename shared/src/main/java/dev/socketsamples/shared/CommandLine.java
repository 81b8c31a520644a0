package dev.socketsamples.shared;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of every sample's main, parsed and checked once: {@code --help} prints them with their defaults;
 * a bad argument is one line, the usage line and exit code 2.
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
                ConsoleText.seconds(Protocol.DEFAULT_IDLE_TIMEOUT)),
        MESSAGE("--message", "TEXT", "what to send; " + Protocol.EOF + " is appended when missing",
                Protocol.DEFAULT_MESSAGE),
        TIMEOUT("--timeout", "SECONDS", "give up on the whole exchange (connect, send, receive) after this long",
                ConsoleText.seconds(Protocol.DEFAULT_CLIENT_TIMEOUT));

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

        /** For a two-way option, its values in the order of the sample's enum: {@code one}, {@code virtual}. */
        public List<String> choices() {
            return List.of(valueName.split("\\|"));
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
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Option option = accepted.stream().filter(o -> o.flag.equals(flag)).findFirst()
                    .orElseThrow(() -> new UsageException(arg.startsWith("-") ? "unknown option " + flag
                            : "unexpected argument '" + arg + "'"));
            if (!arg.contains("=") && i + 1 == args.length) {
                throw new UsageException(flag + " needs a value (" + option.valueName + ")");
            }
            String value = arg.contains("=") ? arg.substring(flag.length() + 1) : args[++i];
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
        accepted.forEach(option -> line.append(" [").append(option.flag).append(' ').append(option.valueName)
                .append(']'));
        return line.append(" [--help]").toString();
    }

    /** What {@code --help} prints: the summary, the usage line, and each option with its default. */
    public static String help(String program, String summary, Set<Option> accepted) {
        StringBuilder text = new StringBuilder(summary).append("\n\n").append(usage(program, accepted)).append("\n\n");
        for (Option option : accepted) {
            text.append(String.format("  %-28s %s (default: %s)%n", option.flag + " " + option.valueName,
                    option.description, option.defaultValue));
        }
        return text.append(String.format("  %-28s %s%n", "--help", "print this help and exit")).toString();
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

    /** A two-way option as the sample's own enum, whose constants come in the order of {@link Option#choices}. */
    @SafeVarargs
    public final <E extends Enum<E>> E choice(Option option, E... inOrder) {
        return inOrder[option.choices().indexOf(value(option))];
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
        String wrong = switch (option) {
            case HOST -> value.isBlank() ? "needs a host name or an address" : null;
            case PORT -> wholeNumber(value, 0, 65_535);
            case BACKLOG -> wholeNumber(value, 1, 65_535);
            case MEMORY_BUDGET -> wholeNumber(value, Protocol.EOF.length(), Long.MAX_VALUE);
            case MAX_MESSAGE_BYTES -> wholeNumber(value, Protocol.EOF.length(), Integer.MAX_VALUE - 8);
            case IDLE_TIMEOUT, TIMEOUT -> seconds(value);
            case THREADS, ACCEPT -> option.choices().contains(value) ? null
                    : "is " + String.join(" or ", option.choices());
            case MESSAGE -> null; // any text is a message
        };
        if (wrong != null) {
            throw new UsageException(option.flag + " " + wrong + (option == Option.HOST ? "" : ", got '" + value
                    + "'"));
        }
    }

    private static String wholeNumber(String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return "needs a whole number from " + min + " to " + max;
    }

    private static String seconds(String value) {
        try {
            return duration(value).compareTo(Duration.ofMillis(1)) < 0 ? "needs at least 0.001 seconds" : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return "needs a number of seconds";
        }
    }

    private static Duration duration(String seconds) {
        return Duration.ofNanos(new BigDecimal(seconds).movePointRight(9).longValueExact());
    }
}
