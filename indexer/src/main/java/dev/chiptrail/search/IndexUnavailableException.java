package dev.chiptrail.search;

/** There is no usable index: missing, corrupt, or of another schema. The message says which and what to do. */
public final class IndexUnavailableException extends Exception {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
