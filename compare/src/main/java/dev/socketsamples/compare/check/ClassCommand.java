package dev.socketsamples.compare.check;

import dev.socketsamples.shared.CommandLine;
import dev.socketsamples.shared.ConsoleText;
import dev.socketsamples.shared.Protocol;
import dev.socketsamples.shared.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code compare class}: the checks of {@code compare check} against every student's server of a class, or each
 * student's clone graded by its lab's own grader, one row per student in one table, and one JUnit XML report with
 * a testsuite per student. Exit 0 when every student passed every check, 1 when one did not, 2 for a bad command
 * line.
 */
public final class ClassCommand {

    static final String PROGRAM = "compare class";
    static final String TARGETS = "--targets";
    static final String PARALLEL = "--parallel";
    static final String LAB = "--lab";
    static final String USAGE = "usage: " + PROGRAM + " (HOST:PORT ... | " + TARGETS + " FILE | " + LAB
            + " N FOLDER ...) [" + CheckCommand.ONLY
            + " NAME,...] [--max-message-bytes N] [--idle-timeout SECONDS] [" + PARALLEL + " N] ["
            + CheckCommand.JUNIT_XML + " FILE] [--help]";
    /** The row of a server that does not answer: no check can run, and this is what to fix. */
    static final String CONNECT = "connect";
    public static final String CONNECT_HINT = "start the server with --host 0.0.0.0 and let its port through the firewall";

    /** A clone whose grader does not finish in this long is stopped: a cold first build takes minutes. */
    static final Duration FOLDER_LIMIT = Duration.ofMinutes(15);
    private static final Pattern CHECK_LINE = Pattern.compile("^  (pass|FAIL)  (.+)$");
    private static final Pattern ALL_PASS = Pattern.compile("^(.+): all (\\d+) checks? pass\\.$");

    /** A student: the name the table shows, and where their server listens or where their clone is. */
    record Student(String name, InetSocketAddress address, Path folder) {

        String where() {
            return address != null ? ConsoleText.hostAndPort(address) : folder.toString();
        }
    }

    private final List<Student> students;
    private final List<ContractCheck> checks;
    private final int maxMessageBytes;
    private final Duration idleTimeout;
    private final int parallel;
    private final int lab;
    private final Path junitXml;

    private ClassCommand(List<Student> students, List<ContractCheck> checks, CommandLine limits, int parallel,
                         int lab, Path junitXml) {
        this.students = students;
        this.checks = checks;
        this.maxMessageBytes = limits.maxMessageBytes();
        this.idleTimeout = limits.idleTimeout();
        this.parallel = parallel;
        this.lab = lab;
        this.junitXml = junitXml;
    }

    /** Runs {@code compare class ARGS}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        ClassCommand command;
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
        try {
            return command.execute(out, err);
        } catch (IOException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return CommandLine.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PROGRAM + ": interrupted");
            return CommandLine.EXIT_FAILURE;
        }
    }

    /** The command, or {@code null} when {@code --help} asks for the help. */
    static ClassCommand parse(String... args) throws UsageException {
        List<String> addresses = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        Map<String, String> own = CheckCommand.ownFlags(
                List.of(TARGETS, CheckCommand.ONLY, CheckCommand.JUNIT_XML, PARALLEL, LAB), args, arg -> {
                    if (!arg.startsWith("-") && (arg.contains(":") || Files.isDirectory(Path.of(arg)))) {
                        addresses.add(arg);
                    } else {
                        rest.add(arg);
                    }
                });
        boolean help = rest.contains("--help") || rest.contains("-h");
        CommandLine limits = CommandLine.parse(CheckCommand.LIMITS, rest.toArray(String[]::new));
        if (help) {
            return null;
        }
        if (addresses.isEmpty() == !own.containsKey(TARGETS)) {
            throw new UsageException("say whom to grade: HOST:PORT ..., " + TARGETS + " FILE or " + LAB
                    + " N FOLDER ..., one of them");
        }
        int lab = own.containsKey(LAB) ? lab(own.get(LAB)) : 0;
        List<Student> students = new ArrayList<>();
        for (String address : addresses) {
            if (Files.isDirectory(Path.of(address))) {
                if (lab == 0) {
                    throw new UsageException("grading the folder '" + address + "' needs " + LAB + " N: which lab");
                }
                students.add(new Student(Path.of(address).toAbsolutePath().normalize().getFileName().toString(), null,
                        Path.of(address)));
            } else {
                students.add(new Student(address, CheckCommand.address(address), null));
            }
        }
        if (own.containsKey(TARGETS)) {
            students.addAll(readTargets(Path.of(own.get(TARGETS))));
        }
        List<ContractCheck> checks = own.containsKey(CheckCommand.ONLY)
                ? CheckCommand.only(own.get(CheckCommand.ONLY), ContractCheck.class, ContractCheck.values(),
                        ContractCheck::label)
                : List.of(ContractCheck.values());
        int parallel = own.containsKey(PARALLEL) ? parallel(own.get(PARALLEL)) : 1;
        if (own.containsKey(CheckCommand.JUNIT_XML) && own.get(CheckCommand.JUNIT_XML).isBlank()) {
            throw new UsageException(CheckCommand.JUNIT_XML + " needs a file name");
        }
        Path junitXml = own.containsKey(CheckCommand.JUNIT_XML) ? Path.of(own.get(CheckCommand.JUNIT_XML)) : null;
        return new ClassCommand(students, checks, limits, parallel, lab, junitXml);
    }

    // tag::targets[]
    /** A class list: one server a line, {@code HOST:PORT} or {@code NAME HOST:PORT}; {@code #} starts a comment. */
    static List<Student> readTargets(Path file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(TARGETS + ": no such file '" + file + "'");
        } catch (IOException e) {
            throw new UsageException(TARGETS + ": cannot read '" + file + "': " + e.getMessage());
        }
        List<Student> students = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length > 2) {
                throw new UsageException(file + " line " + (i + 1) + ": needs HOST:PORT or NAME HOST:PORT, got '"
                        + line + "'");
            }
            String address = words[words.length - 1];
            students.add(new Student(words[0], CheckCommand.address(address), null));
        }
        if (students.isEmpty()) {
            throw new UsageException(file + " names no server: write one HOST:PORT or NAME HOST:PORT a line");
        }
        return students;
    }
    // end::targets[]

    private static int lab(String value) throws UsageException {
        if (value.strip().matches("[1-9]")) {
            return Integer.parseInt(value.strip());
        }
        throw new UsageException(LAB + " needs a lab's number, got '" + value + "'");
    }

    private static int parallel(String value) throws UsageException {
        try {
            int parallel = Integer.parseInt(value);
            if (parallel >= 1 && parallel <= 100) {
                return parallel;
            }
        } catch (NumberFormatException e) {
            // said below, with the range
        }
        throw new UsageException(PARALLEL + " needs a whole number from 1 to 100, got '" + value + "'");
    }

    static String help() {
        StringBuilder text = new StringBuilder("""
                Grades a whole class: runs the checks of compare check against each student's server, one row per
                student, and writes one JUnit XML report with a testsuite per student. Exit 0 when every server
                passed every check, 1 when one did not, 2 for a bad command line.

                """).append(USAGE).append("\n\n");
        text.append(String.format("  %-28s %s%n", "HOST:PORT ...", "the students' servers, running"));
        text.append(String.format("  %-28s %s%n", TARGETS + " FILE", "or a class list: one HOST:PORT or NAME"
                + " HOST:PORT a line, # for comments"));
        text.append(String.format("  %-28s %s%n", LAB + " N FOLDER ...", "or the students' clones: run lab N's grader"
                + " in each (./mvnw -q -pl labs -am verify -Dlab=N) and read what it printed"));
        text.append(String.format("  %-28s %s%n", CheckCommand.ONLY + " NAME,...", "run these checks only (compare"
                + " check --help lists them)"));
        text.append(String.format("  %-28s %s%n", "--max-message-bytes N", "the largest message the servers accept"
                + " (default: " + Protocol.DEFAULT_MAX_MESSAGE_BYTES + ")"));
        text.append(String.format("  %-28s %s%n", "--idle-timeout SECONDS", "the servers' idle timeout (default: "
                + ConsoleText.seconds(Protocol.DEFAULT_IDLE_TIMEOUT) + "); start them with a short one"));
        text.append(String.format("  %-28s %s%n", PARALLEL + " N", "grade N servers at a time (default: 1)"));
        text.append(String.format("  %-28s %s%n", CheckCommand.JUNIT_XML + " FILE", "also write a JUnit XML report,"
                + " one testsuite per student"));
        text.append(String.format("  %-28s %s%n", "--help", "print this help and exit"));
        return text.toString();
    }

    private int execute(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (students.stream().anyMatch(student -> student.address() != null
                && !student.address().getAddress().isLoopbackAddress())) {
            err.println(PROGRAM + ": warning: the checks send floods and a burst of " + ContractCheck.BURST
                    + " connects to each server over the network");
        }
        if (students.stream().allMatch(student -> student.address() == null)) {
            out.println("Grading " + students.size() + (students.size() == 1 ? " clone" : " clones") + " with lab "
                    + lab + "'s grader");
        } else {
            out.println("Grading " + students.size() + (students.size() == 1 ? " student" : " students")
                    + " (max message " + maxMessageBytes + " bytes, idle timeout " + ConsoleText.seconds(idleTimeout)
                    + " s): " + checks.size() + (checks.size() == 1 ? " check" : " checks") + " each");
        }
        int nameWidth = Math.max("STUDENT".length(),
                students.stream().mapToInt(student -> student.name().length()).max().orElse(0));
        String where = students.stream().allMatch(student -> student.address() == null) ? "CLONE" : "SERVER";
        int serverWidth = Math.max(where.length(), students.stream()
                .mapToInt(student -> student.where().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-" + serverWidth + "s  %4s  %4s  %4s  %s";
        out.println(String.format(row, "STUDENT", where, "PASS", "FAIL", "SKIP", "FIRST FAILURE").stripTrailing());
        List<JunitReport.Suite> suites = new ArrayList<>();
        int allPassed = 0;
        try (ExecutorService graders = Executors.newFixedThreadPool(parallel, Thread.ofVirtual().factory())) {
            List<Future<JunitReport.Suite>> graded = students.stream().map(student -> graders.submit(() -> grade(student)))
                    .toList();
            for (int i = 0; i < students.size(); i++) {
                JunitReport.Suite suite = result(graded.get(i));
                suites.add(suite);
                List<Outcome> outcomes = suite.outcomes();
                long failed = outcomes.stream().filter(Outcome::failed).count();
                allPassed += failed == 0 ? 1 : 0;
                String first = outcomes.stream().filter(Outcome::failed).findFirst()
                        .map(outcome -> outcome.label() + ": " + (List.of(CONNECT, "build").contains(outcome.label())
                                ? outcome.got() : outcome.hint())).orElse("");
                out.println(String.format(row, students.get(i).name(), students.get(i).where(),
                        outcomes.stream().filter(Outcome::passed).count(), failed,
                        outcomes.size() - failed - outcomes.stream().filter(Outcome::passed).count(), first)
                        .stripTrailing());
            }
        }
        out.println(allPassed + " of " + students.size() + (students.size() == 1 ? " student" : " students")
                + " passed every check");
        if (junitXml != null) {
            JunitReport.write(junitXml, suites);
        }
        return allPassed == students.size() ? CommandLine.EXIT_OK : CommandLine.EXIT_FAILURE;
    }

    /** Every check against one student's server, or one failed {@code connect} when nothing answers there. */
    private JunitReport.Suite grade(Student student) throws IOException, InterruptedException {
        if (student.folder() != null) {
            return gradeFolder(student);
        }
        Target target = new Target(student.address(), maxMessageBytes, idleTimeout, Target.OUTSIDE);
        String subject = student.name() + " " + target.hostAndPort();
        long start = System.nanoTime();
        try {
            Wire.connect(student.address(), ContractCheck.CONNECT_TIMEOUT, ContractCheck.READ_TIMEOUT).close();
        } catch (IOException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String got = ContractCheck.Probe.describe(e, target);
            return new JunitReport.Suite(subject, List.of(new Outcome(CONNECT, CONNECT_HINT, Outcome.Verdict.FAIL,
                    "a connection to " + target.hostAndPort(), got.startsWith("cannot connect") ? got
                    : "cannot connect to " + target.hostAndPort() + ": " + got, took)), took);
        }
        List<Outcome> outcomes = checks.stream().map(check -> check.run(target)).toList();
        return new JunitReport.Suite(subject, outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The lab's own grader run in the student's clone, as the student runs it; its lines {@code pass NAME} and
     * {@code FAIL NAME} become one outcome each, and the advice under {@code Next:} the first failure's hint.
     */
    private JunitReport.Suite gradeFolder(Student student) throws IOException, InterruptedException {
        String command = "./mvnw -q -pl labs -am verify -Dlab=" + lab;
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        Path wrapper = student.folder().resolve(windows ? "mvnw.cmd" : "mvnw").toAbsolutePath();
        String subject = student.name() + " " + student.where();
        long start = System.nanoTime();
        if (!Files.isRegularFile(wrapper)) {
            return failed(subject, "build", "there is no " + wrapper.getFileName() + " in " + student.where(),
                    "grade a clone of the repository, the folder that holds mvnw", start);
        }
        Process grader = new ProcessBuilder(wrapper.toString(), "-q", "-pl", "labs", "-am", "verify", "-Dlab=" + lab)
                .directory(student.folder().toFile()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        grader.getOutputStream().close();
        CompletableFuture<List<String>> printed = new CompletableFuture<>();
        Thread.ofVirtual().name("grader-output").start(() -> {
            try {
                printed.complete(grader.inputReader().lines().toList());
            } catch (RuntimeException e) {
                printed.completeExceptionally(e);
            }
        });
        if (!grader.waitFor(FOLDER_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            grader.destroyForcibly().waitFor();
            return failed(subject, "build", command + " did not finish in " + FOLDER_LIMIT.toMinutes() + " min",
                    "run " + command + " in the folder and see where it waits", start);
        }
        List<String> lines = printed.join();
        List<Outcome> outcomes = new ArrayList<>();
        // The grader indents its advice; Maven's own lines after it are not advice.
        String advice = lines.stream().dropWhile(line -> !line.startsWith("Next: ")).skip(1)
                .takeWhile(line -> line.startsWith("  ")).map(String::strip).collect(Collectors.joining(" "));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (String line : lines) {
            Matcher check = CHECK_LINE.matcher(line);
            Matcher all = ALL_PASS.matcher(line);
            if (check.matches() && check.group(1).equals("pass")) {
                outcomes.add(new Outcome(check.group(2), "", Outcome.Verdict.PASS, command, "pass", Duration.ZERO));
            } else if (check.matches()) {
                boolean first = outcomes.stream().noneMatch(Outcome::failed);
                outcomes.add(new Outcome(check.group(2), first && !advice.isEmpty() ? advice : "run " + command
                        + " in the folder", Outcome.Verdict.FAIL, command, "FAIL", Duration.ZERO));
            } else if (all.matches()) {
                outcomes.add(new Outcome(all.group(1), "", Outcome.Verdict.PASS, command, "all " + all.group(2)
                        + " checks pass", took));
            }
        }
        if (outcomes.isEmpty()) {
            return failed(subject, "build", "exit " + grader.exitValue() + ": " + why(lines), "the lab does not build or"
                    + " its grader cannot run: run " + command + " in the folder", start);
        }
        return new JunitReport.Suite(subject, outcomes, took);
    }

    /** The line that says why a build failed: the compiler's first error, else Maven's first, else the last line. */
    static String why(List<String> lines) {
        List<String> errors = lines.stream().filter(line -> line.startsWith("[ERROR] ") && !line.strip().equals("[ERROR]"))
                .map(line -> line.substring("[ERROR] ".length()).strip()).toList();
        return errors.stream().filter(line -> line.contains(".java:[")).findFirst()
                .or(() -> errors.stream().findFirst())
                .or(() -> lines.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second))
                .orElse("nothing printed").strip();
    }

    private static JunitReport.Suite failed(String subject, String label, String got, String hint, long start) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new JunitReport.Suite(subject, List.of(new Outcome(label, hint, Outcome.Verdict.FAIL, "the lab's grader",
                got, took)), took);
    }

    private static JunitReport.Suite result(Future<JunitReport.Suite> graded) throws InterruptedException,
            IOException {
        try {
            return graded.get();
        } catch (ExecutionException e) {
            throw new IOException("grading failed: " + e.getCause(), e.getCause());
        }
    }
}
