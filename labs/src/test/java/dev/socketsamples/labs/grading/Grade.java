package dev.socketsamples.labs.grading;

/**
 * The lab command's main: {@code ./mvnw -q -pl labs -am verify -Dlab=1} grades lab 1 and prints the summary;
 * it exits 0 when every check passes, 1 when one fails, and 2 for a lab that does not exist.
 */
public final class Grade {

    private Grade() {
    }

    /** {@code Grade LAB [starter|solution]}. */
    public static void main(String[] args) {
        int lab;
        Code code;
        try {
            lab = Integer.parseInt(args[0].strip());
            code = args.length > 1 ? Code.of(args[1]) : Code.STARTER;
        } catch (RuntimeException e) {
            lab = 0;
            code = Code.STARTER;
        }
        if (lab < 1 || lab > Grading.LABS) {
            System.err.println("grade: there is no such lab; say -Dlab=1 to -Dlab=" + Grading.LABS
                    + ", and -Dlab.code=solution to grade the reference solution");
            System.exit(2);
        }
        Summary summary = Grading.grade(lab, code);
        System.out.print(summary.text());
        System.exit(summary.allPassed() ? 0 : 1);
    }
}
