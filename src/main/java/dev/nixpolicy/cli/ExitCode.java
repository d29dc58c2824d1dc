package dev.nixpolicy.cli;

/** The process exit codes, as README lists them. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int ERROR_FINDING = 1;
    public static final int BAD_INPUT = 2;
    public static final int BAD_RULES = 3;

    private ExitCode() {}
}
