package dev.socketsamples.compare.load;

import dev.socketsamples.shared.UsageException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line.
 *
 * @param help      print the help and do nothing else
 * @param quick     the one-minute run
 * @param out       where the table, CSV, chart and AsciiDoc partial go
 * @param clients   the levels of concurrency, in order
 * @param warmup    load at 100 clients on each fresh server JVM before anything is counted
 * @param rampUp    load at each level before its window opens
 * @param window    the counted window at each level, in each round
 * @param rounds    how many times each server is measured at each level, taking turns with the others
 * @param held      connections held at once in the C10K run
 * @param targets   the servers to measure; Netty always, as the reference
 */
record BenchmarkOptions(boolean help, boolean quick, Path out, List<Integer> clients, Duration warmup,
                        Duration rampUp, Duration window, int rounds, int held, Set<Target> targets) {

    static final String USAGE = "usage: compare.jar load [--quick] [--out DIR] [--clients N,N,...] [--seconds S]"
            + " [--rounds R] [--held N] [--targets T,T,...] [--help]";

    static final Path DEFAULT_OUT = Path.of("compare", "target", "benchmark");

    private static final int MAX_CLIENTS = 5_000;
    private static final int MAX_HELD = 15_000;

    static String helpText() {
        return """
                Load benchmark: every server under the same connect-send-echo-close load, as ratios to Netty.
                %s
                  --quick          about a minute: clients 1,100,1000, one round of 2 s windows, 10,000 held
                  --out DIR        where to write the table, CSV, SVG chart and AsciiDoc partial (default %s)
                  --clients LIST   concurrent clients per level (default 1,10,100,1000; at most %d)
                  --seconds S      counted seconds per server, level and round (default 4; quick 2)
                  --rounds R       rounds in which the servers take turns at each level (default 3; quick 1)
                  --held N         connections held at once in the C10K run (default 10000; at most %d; 0 skips it)
                  --targets LIST   servers to measure among %s (default all; netty is always measured)
                  --help           this help
                """.formatted(USAGE, DEFAULT_OUT, MAX_CLIENTS, MAX_HELD, Target.keys());
    }

    static BenchmarkOptions parse(String... args) throws UsageException {
        boolean help = false;
        boolean quick = false;
        Path out = DEFAULT_OUT;
        List<Integer> clients = null;
        Integer seconds = null;
        Integer rounds = null;
        int held = 10_000;
        Set<Target> targets = EnumSet.allOf(Target.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--clients" -> clients = clients(value(args, ++i, arg));
                case "--seconds" -> seconds = number(value(args, ++i, arg), arg, 1, 600);
                case "--rounds" -> rounds = number(value(args, ++i, arg), arg, 1, 20);
                case "--held" -> held = number(value(args, ++i, arg), arg, 0, MAX_HELD);
                case "--targets" -> targets = targets(value(args, ++i, arg));
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (clients == null) {
            clients = quick ? List.of(1, 100, 1000) : List.of(1, 10, 100, 1000);
        }
        Duration window = Duration.ofSeconds(seconds != null ? seconds : quick ? 2 : 4);
        Duration warmup = Duration.ofSeconds(quick ? 2 : 5);
        Duration rampUp = Duration.ofSeconds(1);
        return new BenchmarkOptions(help, quick, out, List.copyOf(clients), warmup, rampUp, window,
                rounds != null ? rounds : quick ? 1 : 3, held, targets);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + ": " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number: " + text);
        }
    }

    private static List<Integer> clients(String text) throws UsageException {
        List<Integer> levels = new ArrayList<>();
        for (String part : text.split(",")) {
            int n = number(part, "--clients", 1, MAX_CLIENTS);
            if (!levels.isEmpty() && n <= levels.getLast()) {
                throw new UsageException("--clients must be increasing: " + text);
            }
            levels.add(n);
        }
        return levels;
    }

    private static Set<Target> targets(String text) throws UsageException {
        Set<Target> targets = EnumSet.of(Target.NETTY);
        for (String part : text.split(",")) {
            try {
                targets.add(Target.ofKey(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return targets;
    }
}
