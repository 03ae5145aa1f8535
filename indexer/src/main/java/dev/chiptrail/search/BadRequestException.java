package dev.chiptrail.search;

/**
 * A request a client can fix: names the parameter, the value and why. The HTTP layer maps it to 400
 * with {@code code} (bad_parameter, query_syntax, …); the command line prints it.
 */
public class BadRequestException extends RuntimeException {
  private final String code;
  private final String param;

  public BadRequestException(String code, String param, String message) {
    super(message);
    this.code = code;
    this.param = param;
  }

  public static BadRequestException param(String param, String message) {
    return new BadRequestException("bad_parameter", param, message);
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }
}
