package org.barq.api;

/**
 * A problem with what the user gave barq: a file, a value, a name. The message is one line that says what is
 * wrong, the value found and what to do; the command line prints it without a stack trace and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong, which value, and a "Maybe ..." hint where one helps */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong, which value, and a hint
     * @param cause   the underlying failure, shown only with {@code --verbose}
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
