package dev.socketsamples.compare;

import dev.socketsamples.compare.check.CheckCommand;
import dev.socketsamples.compare.check.ClassCommand;
import dev.socketsamples.compare.load.LoadBenchmark;
import dev.socketsamples.compare.timeline.TimelineCommand;
import dev.socketsamples.shared.CommandLine;
import java.util.Arrays;

/**
 * The compare module's command line: {@code demo} for the tour, {@code drain} for Ctrl+C under load, {@code load}
 * for the benchmark, {@code check} for the contract checks against any server, {@code class} for those checks
 * against every student's server, {@code timeline} for pictures of what each server's threads did.
 */
public final class Compare {

    private static final String USAGE = "usage: compare demo | compare drain | compare load [--quick] [--help]"
            + " | compare check (--target HOST:PORT | --server COMMAND | --client COMMAND) [--help]"
            + " | compare class (HOST:PORT ... | --targets FILE) [--help]"
            + " | compare timeline [DIRECTORY] [--help] | compare --help";

    private Compare() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        return switch (command) {
            case "demo" -> rest.length == 0 ? Demo.run(System.out) : usageError("demo takes no options");
            case "drain" -> rest.length == 0 ? DrainUnderLoad.run(System.out) : usageError("drain takes no options");
            case "load" -> LoadBenchmark.run(rest);
            case "check" -> CheckCommand.run(rest);
            case "class" -> ClassCommand.run(System.out, System.err, rest);
            case "timeline" -> TimelineCommand.run(rest);
            case "--help", "-h" -> {
                System.out.println("""
                        Compares the suite's servers and clients.

                        %s

                          demo    start every server on a free loopback port, run every client against it,
                                  then three clients at once, printing who ran what on which thread
                          drain   close each server while 50 clients loop against it, and count how every
                                  exchange ended: echoed, refused, reset or closed without echo
                          load    the load benchmark: sync, virtual threads, async, selector and Netty, measured
                                  (compare load --help for its options)
                          check   the protocol's contract checks against any echo server, in any language: one line
                                  per check, what to fix next, exit 0 or 1 (compare check --help for its options)
                          class   those checks against every student's server of a class: one row each, one JUnit
                                  XML report (compare class --help for its options)
                          timeline  run every server against the same ten clients under Java Flight Recorder and draw
                                  what each thread did, one SVG and CSV per server (compare timeline --help)""".formatted(USAGE));
                yield CommandLine.EXIT_OK;
            }
            case "" -> usageError("say what to run");
            default -> usageError("unknown command '" + command + "'");
        };
    }

    private static int usageError(String problem) {
        System.err.println("compare: " + problem);
        System.err.println(USAGE);
        return CommandLine.EXIT_USAGE;
    }
}
