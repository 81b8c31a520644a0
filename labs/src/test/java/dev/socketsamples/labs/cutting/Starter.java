package dev.socketsamples.labs.cutting;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A lab's starter, cut from the sample it teaches: the sample's source in the lab's package, with each of the
 * lab's gaps (a region between {@code // tag::NAME[]} and {@code // end::NAME[]}, as the pages include it) replaced
 * by the same region of the starter, which holds the TODOs. Outside its gaps a starter is the sample, line for line.
 *
 * @param lab     the lab's number
 * @param sample  the sample's source, from the labs module's folder
 * @param starter the starter's (or a cheat's) source, which the student edits inside its gaps
 * @param gaps    the regions that the starter replaces
 */
public record Starter(int lab, Path sample, Path starter, List<String> gaps) {

    /** Every lab's starter, and the cheats that the graders must fail, each cut from its sample. */
    public static final List<Starter> ALL = List.of(
            new Starter(1, sample("sync-server", "syncserver/SynchronousSocketListener"),
                    lab("starters", "lab1/SynchronousSocketListener"), List.of("lab1")),
            new Starter(1, sample("sync-server", "syncserver/SynchronousSocketListener"),
                    lab("test", "cheats/lab1/SynchronousSocketListener"), List.of("lab1")),
            new Starter(2, sample("sync-server", "syncserver/SynchronousSocketListener"),
                    lab("starters", "lab2/SynchronousSocketListener"), List.of("threads")),
            new Starter(3, sample("async-server", "asyncserver/AsynchronousSocketListener"),
                    lab("starters", "lab3/AsynchronousSocketListener"), List.of("accept-callback", "read-callback")),
            new Starter(3, sample("async-server", "asyncserver/AsynchronousSocketListener"),
                    lab("test", "cheats/lab3/AsynchronousSocketListener"), List.of("read-callback")),
            new Starter(4, sample("async-client", "asyncclient/AsynchronousClient"),
                    lab("starters", "lab4/AsynchronousClient"),
                    List.of("wait-one", "connect-callback", "send-callback", "receive-callback")),
            new Starter(5, sample("async-client", "asyncclient/CompletableFutureClient"),
                    lab("starters", "lab5/CompletableFutureClient"), List.of("pipeline")));

    /**
     * Cuts every starter again from its sample, in place, when a sample has changed; runs without a build, even
     * when the old starters no longer compile: {@code cd labs && java src/test/java/dev/socketsamples/labs/cutting/Starter.java}.
     */
    public static void main(String[] args) throws IOException {
        for (Starter starter : ALL) {
            Files.writeString(starter.starter(), starter.cut(), UTF_8);
            System.out.println("cut " + starter.starter() + " from " + starter.sample());
        }
    }

    /** The starter as it must be: the sample now, in the starter's package, with the starter's gaps. */
    public String cut() throws IOException {
        String starterText = Files.readString(starter, UTF_8);
        String sampleText = Files.readString(sample, UTF_8);
        String cut = starterText.substring(0, starterText.indexOf('\n') + 1) // the starter's package line
                + "// Cut from the sample in " + sample.getName(1) + ": the same, line for line, but for lab " + lab
                + "'s gaps.\n"
                + sampleText.substring(sampleText.indexOf('\n') + 1);
        for (String gap : gaps) {
            cut = cut.replace(region(sampleText, gap), region(starterText, gap));
        }
        return cut;
    }

    /** The region {@code name} with its tag lines, which must be in {@code source} once. */
    private String region(String source, String name) {
        int begin = source.indexOf("// tag::" + name + "[]");
        int end = source.indexOf("// end::" + name + "[]");
        if (begin < 0 || end < begin || source.indexOf("// tag::" + name + "[]", begin + 1) >= 0) {
            throw new IllegalStateException("lab " + lab + ": the gap '" + name + "' is not marked once in "
                    + source.lines().findFirst().orElse(""));
        }
        return source.substring(source.lastIndexOf('\n', begin) + 1, source.indexOf('\n', end) + 1);
    }

    /** The starter's path, as a test's name. */
    @Override
    public String toString() {
        return starter.toString();
    }

    private static Path sample(String module, String name) {
        String packageAndClass = "dev/socketsamples/" + name + ".java";
        return Path.of("..", module, "src/main/java", packageAndClass);
    }

    private static Path lab(String sources, String name) {
        return Path.of("src", sources, "java/dev/socketsamples/labs", name + ".java");
    }
}
