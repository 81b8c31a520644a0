package dev.socketsamples.compare.load;

/** Temporary stub until the bench branch lands (never committed). */
public final class LoadBenchmark {
    public static int run(String... args) {
        return 0;
    }
}
